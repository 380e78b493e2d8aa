package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.config.DeployConfig;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.window.HotfixOverride;
import io.jenkins.plugins.bluegreen.engine.window.WindowDecision;
import io.jenkins.plugins.bluegreen.engine.window.WindowPolicies;
import io.jenkins.plugins.bluegreen.engine.window.WindowPolicy;

import java.time.Instant;
import java.util.Optional;

/**
 * The deployment window of one destination, asked twice with the same answer rules: before a deploy
 * starts, and again as its {@link SwitchGuard} right before traffic moves, because boot and gate take
 * time and the window may have closed meanwhile. A hotfix override opens it both times.
 */
public final class WindowGuard implements SwitchGuard {
    private final WindowPolicy policy;
    private final Optional<HotfixOverride> hotfix;

    public WindowGuard(final WindowPolicy policy, final Optional<HotfixOverride> hotfix) {
        this.policy = policy;
        this.hotfix = hotfix;
    }

    /**
     * The window of a deploy to {@code destination} as the config's {@code x-bluegreen.windows} sets it,
     * including the policy of every destination whose hosts the config deploys to.
     */
    public static WindowGuard of(final DeployConfig config, final String destination,
                                 final Optional<HotfixOverride> hotfix) {
        return new WindowGuard(policies(config).forDeploy(destination,
                config.allHosts().stream().map(Host::name).toList()), hotfix);
    }

    /** {@code x-bluegreen.windows} when written, else the standard Tue-Thu 10:00-14:00 UTC window. */
    public static WindowPolicies policies(final DeployConfig config) {
        var section = config.extension().windows();
        return section.present() ? WindowPolicies.parse(section.node(), section.file(), section.path())
                : WindowPolicies.seedDefault();
    }

    public WindowDecision decide() {
        return policy.decide(Instant.now(), hotfix);
    }

    @Override
    public Optional<String> veto(final DeployPlan plan) {
        var decision = decide();
        return decision.open() ? Optional.empty() : Optional.of(decision.summary());
    }
}
