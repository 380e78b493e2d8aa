package io.jenkins.plugins.bluegreen.engine.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HotfixOverrideTest {
    private static final Instant FRIDAY_AFTERNOON = Instant.parse("2026-12-04T15:00:00Z");

    @Test
    void shouldOpenAHeldWindowAndSaySo() {
        var hotfix = new HotfixOverride("alice", "checkout returns 500 for every EU card");
        var d = WindowPolicy.seedDefault().decide(FRIDAY_AFTERNOON, Optional.of(hotfix));
        assertThat(d.open()).isTrue();
        assertThat(d.override()).isTrue();
        assertThat(d.hotfix()).isEqualTo(hotfix);
        assertThat(d.rule()).isEqualTo("hotfix override");
        assertThat(d.reason()).isEqualTo("hotfix override by alice (checkout returns 500 for every EU card); "
                + "without it held by Friday afternoon freeze (Fri 12:00-24:00 UTC)");
        assertThat(d.nextOpen()).isEqualTo(FRIDAY_AFTERNOON);
    }

    @Test
    void shouldNotCountAsOverrideWhenTheWindowIsOpenAnyway() {
        var d = WindowPolicy.seedDefault().decide(Instant.parse("2026-12-01T11:00:00Z"),
                Optional.of(new HotfixOverride("alice", "urgent")));
        assertThat(d.open()).isTrue();
        assertThat(d.override()).isFalse();
        assertThat(d.hotfix()).isNull();
        assertThat(d.rule()).isEqualTo("standard window");
    }

    @Test
    void shouldOpenABlackoutToo() {
        var policy = WindowPolicies.parse("""
                blackouts:
                  - name: year-end freeze
                    from: 2026-12-23
                    to: 2027-01-04
                """, "global").forDestination(null);
        var d = policy.decide(Instant.parse("2026-12-29T11:00:00Z"), Optional.of(new HotfixOverride("bob", "CVE")));
        assertThat(d.open()).isTrue();
        assertThat(d.override()).isTrue();
    }

    @Test
    void shouldRefuseAnOverrideWithoutWho() {
        assertThatThrownBy(() -> new HotfixOverride(" ", "CVE-2026-1234"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("hotfix override: requestedBy is empty; "
                        + "expected the user id of the person asking for the override");
        assertThatThrownBy(() -> new HotfixOverride(null, "CVE-2026-1234"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("requestedBy is empty");
    }

    @Test
    void shouldRefuseAnOverrideWithoutWhy() {
        assertThatThrownBy(() -> new HotfixOverride("alice", ""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("hotfix override by alice: reason is empty; expected why the deploy cannot wait");
        assertThatThrownBy(() -> new HotfixOverride("alice", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason is empty");
    }

    @Test
    void shouldTrimWhoAndWhy() {
        assertThat(new HotfixOverride(" alice ", " CVE ")).isEqualTo(new HotfixOverride("alice", "CVE"));
    }
}
