package io.jenkins.plugins.bluegreen.engine.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The admins' policy is a floor: a repository may hold more, never less. */
class AdminFloorTest {
    private static final Instant TUESDAY_NOON = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant SATURDAY = Instant.parse("2026-12-05T12:00:00Z");

    private final WindowPolicies floor = WindowPolicies.parse("""
            windows:
              allow: [{name: standard window, days: [tue-thu], from: "10:00", to: "14:00"}]
              deny: [{name: weekend freeze, days: [sat, sun]}]
              destinations:
                staging: unrestricted
            """, "global configuration");

    @Test
    void shouldNotLetARepositoryLoosenTheFloor() {
        var repository = WindowPolicies.parse("windows: unrestricted", "config/deploy.yml");
        var combined = floor.tightenedBy(repository);
        assertThat(combined.forDestination("production").isOpen(SATURDAY)).isFalse();
        assertThat(combined.forDestination("production").decide(SATURDAY).rule()).isEqualTo("weekend freeze");
        assertThat(combined.forDestination("staging").isOpen(SATURDAY)).isTrue();
    }

    @Test
    void shouldLetARepositoryTighten() {
        var repository = WindowPolicies.parse("""
                destinations:
                  production:
                    allow: [{name: quiet hours, days: [tue-thu], from: "12:30", to: "13:30"}]
                  staging:
                    deny: [{name: demo day, days: [tue]}]
                """, "config/deploy.yml");
        var combined = floor.tightenedBy(repository);
        var production = combined.forDestination("production").decide(TUESDAY_NOON);
        assertThat(production.open()).isFalse();
        assertThat(production.rule()).isEqualTo("quiet hours");
        assertThat(production.nextOpen()).isEqualTo(Instant.parse("2026-12-01T12:30:00Z"));
        assertThat(combined.forDestination("staging").decide(TUESDAY_NOON).rule()).isEqualTo("demo day");
        // A destination the repository does not list keeps the floor's default and the repository's default
        // (here the seed policy, as the repository names no rules of its own).
        assertThat(combined.forDestination("qa").isOpen(TUESDAY_NOON)).isTrue();
    }

    @Test
    void shouldReportTheFloorFirstWhenBothHold() {
        var repository = WindowPolicies.parse("deny: [{name: team offsite, days: [sat]}]", "config/deploy.yml");
        assertThat(floor.tightenedBy(repository).forDestination(null).decide(SATURDAY).rule())
                .isEqualTo("weekend freeze");
    }
}
