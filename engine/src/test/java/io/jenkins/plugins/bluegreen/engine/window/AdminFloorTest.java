package io.jenkins.plugins.bluegreen.engine.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * The repository names its destinations and lists its hosts: a "staging" config that lists
     * production hosts is held by production's policy, since the admins tied those hosts to it.
     */
    @Test
    void shouldHoldADeployByTheDestinationItsHostsBelongTo() {
        var admins = WindowPolicies.parse("""
                deny: [{name: weekend freeze, days: [sat, sun]}]
                destinations:
                  staging: unrestricted
                  production:
                    hosts: [db-1.internal, '*.prod.internal']
                """, "global configuration");

        assertThat(admins.forDeploy("staging", List.of("web-1.staging.internal")).isOpen(SATURDAY)).isTrue();
        var disguised = admins.forDeploy("staging", List.of("web-1.staging.internal", "WEB-7.prod.internal"));
        assertThat(disguised.isOpen(SATURDAY)).isFalse();
        assertThat(disguised.decide(SATURDAY).rule()).isEqualTo("weekend freeze");
        assertThat(admins.forDeploy("staging", List.of("db-1.internal")).isOpen(SATURDAY)).isFalse();
        assertThat(admins.forDeploy("staging", List.of("prod.internal.example")).isOpen(SATURDAY)).isTrue();
    }

    @Test
    void shouldReadTheHostsARepositoryDeploysToWithItsWindows(@TempDir final Path workspace) throws IOException {
        Files.createDirectories(workspace.resolve("config"));
        Files.writeString(workspace.resolve("config/deploy.yml"), String.join("\n", "service: shop",
                "image: registry.example/shop", "servers: [web-1.staging.internal]", ""));
        Files.writeString(workspace.resolve("config/deploy.staging.yml"), "servers: [web-3.prod.internal]\n");
        var admins = WindowPolicies.parse("""
                destinations:
                  staging: unrestricted
                  production: {hosts: ['*.prod.internal']}
                """, "global configuration");

        var repository = RepositoryPolicy.read(workspace, "config/deploy.yml", "staging");

        assertThat(repository.hosts()).containsExactly("web-3.prod.internal");
        assertThat(repository.heldBy(admins, "staging").isOpen(SATURDAY)).isFalse();
    }

    @Test
    void shouldRefuseAHostListThatIsNoList() {
        assertThatThrownBy(() -> WindowPolicies.parse("destinations: {production: {hosts: '*.prod.internal'}}", "policy"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("destinations/production/hosts")
                .hasMessageContaining("a list of host names such as [web-1.internal, '*.prod.internal']");
    }
}
