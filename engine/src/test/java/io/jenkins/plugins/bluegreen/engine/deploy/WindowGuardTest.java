package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.window.HotfixOverride;
import io.jenkins.plugins.bluegreen.engine.window.WindowPolicies;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The re-check right before the switch answers as the check before the deploy did. */
class WindowGuardTest {
    private static final String ALWAYS_HELD = "deny:\n  - name: change freeze\n    days: [mon-sun]\n";

    @Test
    void shouldVetoTheSwitchWithTheRuleThatHolds() {
        var guard = new WindowGuard(WindowPolicies.parse(ALWAYS_HELD, "deploy.yml").forDestination(null),
                Optional.empty());

        assertThat(guard.veto(DeployPlan.of("v2", "alice"))).hasValueSatisfying(why ->
                assertThat(why).startsWith("deployment window held by change freeze"));
    }

    @Test
    void shouldLetAHotfixSwitchWhileHeld() {
        var guard = new WindowGuard(WindowPolicies.parse(ALWAYS_HELD, "deploy.yml").forDestination(null),
                Optional.of(new HotfixOverride("carol", "INC-9")));

        assertThat(guard.veto(DeployPlan.of("v2", "carol"))).isEmpty();
        assertThat(guard.decide().override()).isTrue();
    }
}
