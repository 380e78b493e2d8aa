package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.remote.BootLimit;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole Kamal files, one per Kamal generation, load with the values Kamal's reference gives their
 * settings; what we do not act on is named in one warning. A few files Kamal refuses are refused too.
 */
class KamalFixturesTest {
    private static final Map<String, String> ENV = Map.of("MAIN_DB_PASSWORD", "db-pw", "KAMAL_REGISTRY_PASSWORD", "reg-pw");

    @TempDir
    Path dir;

    private static LoadedConfig load(final String fixture) {
        return ConfigLoader.load(Fixtures.deployFile(fixture), Optional.empty(), ENV::get);
    }

    @Test
    void shouldLoadEverySettingOfKamal2WithItsDocumentedMeaning() {
        var loaded = load("kamal2");
        var config = loaded.config();

        assertThat(config.service()).isEqualTo("storefront");
        assertThat(config.image()).isEqualTo("acme/storefront");
        assertThat(config.registry()).contains(new Registry("localhost:5555", Optional.empty()));
        assertThat(config.roles()).extracting(Role::name).containsExactly("web", "workers");
        assertThat(config.primaryRole().hosts()).containsExactly(Host.parse("172.1.0.1"), Host.parse("172.1.0.2"));
        assertThat(config.primaryRole().options()).containsExactly(RunOption.of("memory", "2g"), RunOption.of("cpus", "4"),
                RunOption.of("restart", "on-failure:5"));
        var workers = config.role("workers").orElseThrow();
        assertThat(workers.cmd()).contains("bin/jobs");
        assertThat(workers.labels()).containsExactly(Map.entry("tier", "back"));
        assertThat(workers.env().clear()).containsEntry("QUEUES", new ConfigValue.Literal("default,mailers"))
                .containsEntry("DB_USER", new ConfigValue.Literal("app"));
        assertThat(config.env().secret()).containsExactly(Map.entry("DB_PASSWORD", new SecretRef("MAIN_DB_PASSWORD")));
        assertThat(config.labels()).containsExactly(Map.entry("team", "shop"));
        assertThat(config.volumes()).containsExactly("/srv/storefront/storage:/rails/storage");
        assertThat(config.retainContainers()).isEqualTo(3);
        assertThat(config.readinessDelay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.deployTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.ssh()).isEqualTo(new Ssh("app", 2222, Optional.of("root@proxy-host")));
        assertThat(config.boot()).isEqualTo(new Boot(BootLimit.percent(25), Duration.ofSeconds(10)));
        assertThat(config.healthcheck()).isEqualTo(new Healthcheck("/health", 3001, Duration.ofSeconds(3),
                Duration.ofSeconds(3), 7));
        assertThat(config.extension().ports().app()).isEqualTo(3001);
    }

    @Test
    void shouldNameEveryKamal2SettingItDoesNotActOn() {
        var file = Fixtures.deployFile("kamal2").toString();

        assertThat(load("kamal2").warnings()).containsExactly(
                file + ": Kamal settings that blue-green deploys do not use (ignored): asset_path, hooks_path, hooks_output,"
                        + " secrets_path, error_pages_path, minimum_version, stop_timeout, run_directory, builder, accessories,"
                        + " sshkit, logging, output, aliases, proxy/hosts, proxy/ssl, proxy/ssl_redirect, proxy/forward_headers,"
                        + " proxy/response_timeout, proxy/path_prefixes, proxy/buffering, proxy/logging, env/tags,"
                        + " servers/web/hosts/1 (host tags), servers/workers/stop_timeout, servers/workers/proxy,"
                        + " servers/workers/logging, servers/workers/asset_path, servers/workers/hosts/1 (host tags),"
                        + " boot/parallel_roles, ssh/log_level, ssh/keys_only, ssh/keys, ssh/forward_agent",
                file + ":10:3: registry/server: a local registry; Kamal forwards it to each host over SSH, blue-green"
                        + " deploys do not: each host pulls from its own localhost:5555, without logging in");
    }

    @Test
    void shouldReadAKamal1FileWithItsTopLevelHealthcheckAndIgnoreTraefik() {
        var loaded = load("kamal1");
        var file = Fixtures.deployFile("kamal1").toString();

        assertThat(loaded.config().healthcheck()).isEqualTo(new Healthcheck("/healthz", 4000, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 10));
        assertThat(loaded.config().registry().orElseThrow()).isEqualTo(new Registry(Registry.DOCKER_HUB, Optional.of(
                new Registry.Credentials(new ConfigValue.Literal("acme"), new SecretRef("KAMAL_REGISTRY_PASSWORD")))));
        assertThat(loaded.config().primaryRole().labels())
                .containsExactly(Map.entry("traefik.http.routers.ledger.rule", "Host(`ledger.example.com`)"));
        assertThat(loaded.warnings()).containsExactly(file
                + ": Kamal settings that blue-green deploys do not use (ignored): traefik, stop_wait_time");
    }

    @Test
    void shouldLoadAKamal2FileWithoutABuilderArchAlthoughKamalWantsOne() {
        var config = new ConfigFixture(dir).minimal("builder:", "  remote: ssh://builder").load();

        assertThat(config.warnings()).containsExactly(dir.resolve("config/deploy.yml")
                + ": Kamal settings that blue-green deploys do not use (ignored): builder");
    }

    @Test
    void shouldRefuseTheProxySettingsKamalRefuses() {
        var f = new ConfigFixture(dir).minimal("proxy:", "  ssl: true", "  app_port: 3000").write("config/deploy.both.yml",
                "proxy:", "  host: a.example.com", "  hosts: [b.example.com]");

        assertThat(f.problems()).containsExactly("DIR/config/deploy.yml:6:3: proxy/ssl: expected proxy/host or proxy/hosts"
                + " to go with automatic SSL (Kamal refuses ssl without a host), got neither");
        assertThat(f.problems("both")).containsExactly("DIR/config/deploy.both.yml:3:3: proxy/hosts: expected one of"
                + " proxy/host and proxy/hosts (Kamal refuses both), got both");
    }
}
