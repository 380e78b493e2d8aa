package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.remote.BootLimit;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Kamal file of the deployment procedure this plugin automates loads as that procedure means it. */
class SeedConfigTest {
    private static final Map<String, String> ENV = Map.of("GHCR_USERNAME", "octo", "GHCR_TOKEN", "ghp_s3cr3t-token",
            "HOSTNAME", "deployer-1");

    private static Path fixture(final String name) {
        return Fixtures.deployFile(name);
    }

    private static LoadedConfig load(final String destination) {
        return ConfigLoader.load(fixture("seed"), Optional.ofNullable(destination), ENV::get);
    }

    @Test
    void shouldLoadTheSeedWithItsRolesAndOptions() {
        var config = load(null).config();

        assertThat(config.service()).isEqualTo("a2d2");
        assertThat(config.image()).isEqualTo("a2d2/app");
        assertThat(config.roles()).extracting(Role::name).containsExactly("web", "job");
        assertThat(config.primaryRole().hosts()).containsExactly(Host.parse("1.2.3.4"), Host.parse("1.2.3.5"), Host.parse("1.2.3.6"));
        assertThat(config.primaryRole().options()).containsExactly(RunOption.of("cpus", "2"), RunOption.of("memory", "512MB"));
        assertThat(config.role("job").orElseThrow().hosts()).containsExactly(Host.parse("1.2.3.7"));
        assertThat(config.role("job").orElseThrow().options()).containsExactly(RunOption.of("cpus", "1"), RunOption.of("memory", "256MB"));
        assertThat(config.allHosts()).hasSize(4);
        assertThat(config.volumes()).containsExactly("storage:/rails/storage");
        assertThat(config.destination()).isEmpty();
    }

    @Test
    void shouldReadHealthcheckAndBootAsWritten() {
        var config = load(null).config();

        assertThat(config.healthcheck()).isEqualTo(new Healthcheck("/health", 3000, Duration.ofSeconds(5), Duration.ofSeconds(3), 5));
        assertThat(config.boot()).isEqualTo(new Boot(BootLimit.count(30), Duration.ofSeconds(5)));
        assertThat(config.boot().limit().batchSize(3)).isEqualTo(3);
    }

    @Test
    void shouldKeepRegistryCredentialsAsReferences() {
        var loaded = load(null);
        var registry = loaded.config().registry().orElseThrow();
        var login = registry.credentials().orElseThrow();

        assertThat(registry.server()).isEqualTo("ghcr.io");
        assertThat(login.username()).isEqualTo(new SecretRef("GHCR_USERNAME"));
        assertThat(login.password()).isEqualTo(new SecretRef("GHCR_TOKEN"));
        assertThat(loaded.resolve(login.password())).isEqualTo("ghp_s3cr3t-token");
        assertThat(loaded.secretMask().apply("login ghp_s3cr3t-token")).isEqualTo("login ****");
        assertThat(ConfigJson.render(loaded.config()).toString()).doesNotContain("ghp_s3cr3t-token").contains("\"$GHCR_TOKEN\"");
    }

    @Test
    void shouldReadThePlainEnvMapAsClearValues() {
        var env = load(null).config().env();

        assertThat(env.clear()).containsExactly(Map.entry("RAILS_ENV", new ConfigValue.Literal("production")),
                Map.entry("RAILS_LOG_TO_STDOUT", new ConfigValue.Literal("1")));
        assertThat(env.secret()).isEmpty();
    }

    @Test
    void shouldApplyTheInlineProductionBlock() {
        var config = load("production").config();

        assertThat(config.destination()).contains("production");
        assertThat(config.primaryRole().hosts()).containsExactly(new Host("production-web-1.internal", 22),
                new Host("production-web-2.internal", 22), new Host("production-web-3.internal", 22));
        assertThat(config.primaryRole().options()).containsExactly(RunOption.of("cpus", "4"), RunOption.of("memory", "1024MB"));
        assertThat(config.role("job").orElseThrow().hosts()).containsExactly(Host.parse("1.2.3.7"));
        assertThat(config.primaryRole().env().clear()).containsEntry("SOLID_QUEUE_PROCESS_ID", new SecretRef("HOSTNAME"))
                .containsEntry("RAILS_LOG_TO_STDOUT", new ConfigValue.Literal("1"));
    }

    @Test
    void shouldLoadWithoutWarningsWhenTheEnvironmentIsComplete() {
        assertThat(load("production").warnings()).isEmpty();
    }

    @Test
    void shouldRejectTheOriginalErbLineNamingFileAndLine() {
        var file = fixture("seed-erb");

        assertThatThrownBy(() -> ConfigLoader.load(file, Optional.of("production"), ENV::get))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).isEqualTo(List.of(file
                        + ":49: ERB '<%= `hostname` %>' runs a command, and the only commands run are the git version helpers;"
                        + " for a value from the deploying machine use an environment reference such as $HOSTNAME or"
                        + " ENV[\"NAME\"]")));
    }
}
