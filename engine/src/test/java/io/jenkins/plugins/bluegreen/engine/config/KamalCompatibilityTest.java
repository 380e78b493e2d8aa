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

/** Kamal files load as Kamal reads them: anchors, Kamal 2 keys, env forms, and keys we ignore. */
class KamalCompatibilityTest {
    @TempDir
    Path dir;

    private ConfigFixture files() {
        return new ConfigFixture(dir);
    }

    @Test
    void shouldResolveAnchorsAliasesAndMergeKeys() {
        var f = files().write("config/deploy.yml",
                "x-defaults: &defaults",
                "  options: {cpus: 2, memory: 1g}",
                "  labels: {team: shop}",
                "x-hosts: &hosts [web-1, web-2:2222]",
                "service: shop",
                "image: shop/app",
                "servers:",
                "  web:",
                "    <<: *defaults",
                "    hosts: *hosts",
                "  job:",
                "    <<: *defaults",
                "    options: {cpus: 1}",
                "    hosts: [job-1]",
                "    cmd: bin/jobs");

        var config = f.config();

        assertThat(config.primaryRole().hosts()).containsExactly(Host.parse("web-1"), new Host("web-2", 2222));
        assertThat(config.primaryRole().options()).containsExactly(RunOption.of("cpus", "2"), RunOption.of("memory", "1g"));
        assertThat(config.primaryRole().labels()).containsExactly(Map.entry("team", "shop"));
        var job = config.role("job").orElseThrow();
        assertThat(job.options()).containsExactly(RunOption.of("cpus", "1"));
        assertThat(job.labels()).containsExactly(Map.entry("team", "shop"));
        assertThat(job.cmd()).contains("bin/jobs");
    }

    @Test
    void shouldKeepAPlainValueThatOnlyLooksLikeANumberInExponentNotationAsWritten() {
        // A short git revision such as 71799e2 (from ERB, or pasted) is text to Kamal's YAML, which
        // wants a dot in a float; read as a float it became 7179900.0.
        var f = files().minimal("env:", "  clear:", "    GIT_REVISION: 71799e2", "    RATIO: 0.5");

        assertThat(f.config().env().clear()).containsExactly(
                Map.entry("GIT_REVISION", new ConfigValue.Literal("71799e2")),
                Map.entry("RATIO", new ConfigValue.Literal("0.5")));
    }

    @Test
    void shouldReadKamal2ProxyHealthcheckAndAppPort() {
        var f = files().minimal("proxy:", "  app_port: 8080", "  host: shop.example.com", "  ssl: true",
                "  healthcheck:", "    path: /up/ready", "    interval: 3", "    timeout: 2");

        var loaded = f.load();

        assertThat(loaded.config().healthcheck())
                .isEqualTo(new Healthcheck("/up/ready", 8080, Duration.ofSeconds(3), Duration.ofSeconds(2), 7));
        assertThat(loaded.config().extension().ports().app()).isEqualTo(8080);
        assertThat(loaded.warnings()).containsExactly(f.name("config/deploy.yml")
                + ": Kamal settings that blue-green deploys do not use (ignored): proxy/host, proxy/ssl");
    }

    @Test
    void shouldPreferKamal2HealthcheckSettingsOverKamal1() {
        var f = files().minimal("healthcheck:", "  path: /health", "  interval: 5s", "  port: 4000",
                "proxy:", "  healthcheck:", "    path: /up");

        var hc = f.config().healthcheck();

        assertThat(hc).isEqualTo(new Healthcheck("/up", 4000, Duration.ofSeconds(5), Duration.ofSeconds(5), 7));
    }

    @Test
    void shouldSizeBatchesFromAPercentBootLimit() {
        var f = files().minimal("boot:", "  limit: 25%", "  wait: 2");

        var boot = f.config().boot();

        assertThat(boot.limit()).isEqualTo(BootLimit.percent(25));
        assertThat(boot.limit().batchSize(8)).isEqualTo(2);
        assertThat(boot.limit().batchSize(3)).isEqualTo(1);
        assertThat(boot.batchWait()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldKeepEnvReferencesAndSecretsAsNames() {
        var f = files().minimal("env:", "  clear:", "    DB_HOST: db-1", "    NODE: ${HOSTNAME}", "    PORT: 5432",
                "  secret:", "    - RAILS_MASTER_KEY", "    - DB_PASSWORD:MAIN_DB_PASSWORD",
                "registry:", "  server: registry.example.com", "  username: deploy", "  password: [REGISTRY_TOKEN]");

        var loaded = f.load();
        var env = loaded.config().env();

        assertThat(env.clear()).containsExactly(Map.entry("DB_HOST", new ConfigValue.Literal("db-1")),
                Map.entry("NODE", new SecretRef("HOSTNAME")), Map.entry("PORT", new ConfigValue.Literal("5432")));
        assertThat(env.secret()).containsExactly(Map.entry("RAILS_MASTER_KEY", new SecretRef("RAILS_MASTER_KEY")),
                Map.entry("DB_PASSWORD", new SecretRef("MAIN_DB_PASSWORD")));
        assertThat(loaded.resolve(env.clear().get("NODE"))).isEqualTo("deployer-1");
        assertThat(loaded.config().registry().orElseThrow()).isEqualTo(new Registry("registry.example.com",
                Optional.of(new Registry.Credentials(new ConfigValue.Literal("deploy"), new SecretRef("REGISTRY_TOKEN")))));
        assertThat(loaded.config().secrets()).containsExactlyInAnyOrder(new SecretRef("REGISTRY_TOKEN"),
                new SecretRef("RAILS_MASTER_KEY"), new SecretRef("MAIN_DB_PASSWORD"));
        assertThat(loaded.warnings()).containsExactly(f.name("config/deploy.yml") + ": environment variables the deploy"
                + " will need are not set here: REGISTRY_TOKEN, RAILS_MASTER_KEY, MAIN_DB_PASSWORD");
    }

    @Test
    void shouldMergeRoleEnvOverTheGlobalEnv() {
        var f = files().write("config/deploy.yml", "service: shop", "image: shop/app",
                "env: {clear: {MODE: web, LOG: info}, secret: [API_KEY]}",
                "servers:", "  web: [web-1]", "  job:", "    hosts: [job-1]",
                "    env: {clear: {MODE: job}, secret: [LOG]}");

        var job = f.config().role("job").orElseThrow();

        assertThat(job.env().clear()).containsExactly(Map.entry("MODE", new ConfigValue.Literal("job")));
        assertThat(job.env().secret()).containsExactly(Map.entry("API_KEY", new SecretRef("API_KEY")),
                Map.entry("LOG", new SecretRef("LOG")));
    }

    @Test
    void shouldWarnOnceAboutEveryKamalSettingWeIgnore() {
        var f = files().write("config/deploy.yml", "service: shop", "image: shop/app",
                "servers:", "  web:", "    hosts: [web-1]", "    proxy: true", "    logging: {driver: json-file}",
                "builder:", "  arch: amd64", "accessories:", "  db: {image: postgres}", "aliases:", "  shell: app exec bash",
                "minimum_version: 2.0.0", "ssh:", "  user: app", "  keys: [~/.ssh/id]", "boot:", "  parallel_roles: true",
                "env:", "  clear: {A: b}", "  tags:", "    replica: {A: c}");

        var loaded = f.load();

        assertThat(loaded.warnings()).containsExactly(f.name("config/deploy.yml") + ": Kamal settings that blue-green"
                + " deploys do not use (ignored): builder, accessories, aliases, minimum_version, env/tags,"
                + " servers/web/proxy, servers/web/logging, boot/parallel_roles, ssh/keys");
        assertThat(loaded.config().ssh().user()).isEqualTo("app");
    }

    @Test
    void shouldIgnoreExtensionKeys() {
        var f = files().minimal("x-notes: {owner: shop-team}", "x-anything: 1");

        assertThat(f.load().warnings()).isEmpty();
    }

    @Test
    void shouldApplyKamalDefaults() {
        var config = files().minimal().config();

        assertThat(config.primaryRoleName()).isEqualTo("web");
        assertThat(config.retainContainers()).isEqualTo(5);
        assertThat(config.deployTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.readinessDelay()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.ssh()).isEqualTo(new Ssh("root", 22, Optional.empty()));
        assertThat(config.healthcheck()).isEqualTo(new Healthcheck("/up", 3000, Duration.ofSeconds(1), Duration.ofSeconds(5), 7));
        assertThat(config.boot()).isEqualTo(new Boot(BootLimit.all(), Duration.ZERO));
        assertThat(config.registry()).isEmpty();
    }

    @Test
    void shouldReadTopLevelTimeoutsAndRetention() {
        var config = files().minimal("deploy_timeout: 2m", "drain_timeout: 10", "readiness_delay: 500ms",
                "retain_containers: 3", "primary_role: web", "ssh: {user: deploy, port: '2222', proxy: deploy@bastion}").config();

        assertThat(config.deployTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readinessDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.retainContainers()).isEqualTo(3);
        assertThat(config.ssh()).isEqualTo(new Ssh("deploy", 2222, Optional.of("deploy@bastion")));
    }
}
