package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the config becomes on a host: the container command of a role in a color, exactly. */
class ReleaseSpecsTest {
    @TempDir
    Path dir;

    private LoadedConfig load(final String via) throws IOException {
        var file = dir.resolve("config/deploy.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "service: shop",
                "image: registry.example/shop",
                "servers:",
                "  web:",
                "    hosts: [web-1]",
                "    cmd: bin/server --port 3000",
                "    options: {memory: 512MB}",
                "  job:",
                "    hosts: [web-1]",
                "    cmd: bin/jobs",
                "env:",
                "  clear: {RAILS_ENV: production, HOSTNAME: $HOSTNAME}",
                "  secret: [DB_PASSWORD]",
                "x-bluegreen:",
                "  ports: {blue: 3101, green: 3102}",
                "  gate: {via: " + via + "}",
                ""));
        return ConfigLoader.load(file, Optional.empty(),
                Map.of("HOSTNAME", "web-1.internal", "DB_PASSWORD", "s3cret")::get);
    }

    @Test
    void shouldRunTheRoleInItsColorWithClearEnvResolvedAndSecretsOnlyInTheEnvFile() throws IOException {
        var loaded = load("tunnel");
        var specs = new ReleaseSpecs(loaded, Service.of("shop"), new ConfigWiring(loaded.config(), EventSink.discard()));
        var role = loaded.config().primaryRole();
        var spec = specs.spec(role, Color.GREEN, "v2");
        var commands = new ContainerCommands(ContainerRuntime.DOCKER, ".bluegreen");

        assertThat(commands.run(spec, new DeployStamp(Instant.parse("2026-11-27T10:00:00Z"), "alice")).render())
                .isEqualTo("docker run --detach --restart unless-stopped --name shop-web-green"
                        + " --label bluegreen.service=shop --label bluegreen.role=web --label bluegreen.color=green"
                        + " --label bluegreen.version=v2 --label bluegreen.deployed-at=2026-11-27T10:00:00Z"
                        + " --label bluegreen.deployed-by=alice --env HOSTNAME=web-1.internal --env RAILS_ENV=production"
                        + " --env-file .bluegreen/env/shop-web-green.env --memory 512m --publish 127.0.0.1:3102:3000"
                        + " registry.example/shop:v2 bin/server --port 3000");
        assertThat(new String(ContainerCommands.envFileContent(spec, specs.secrets(role)), StandardCharsets.UTF_8))
                .isEqualTo("DB_PASSWORD=s3cret\n");
    }

    @Test
    void shouldPublishOnEveryInterfaceOnlyWhenTheGateGoesDirect() throws IOException {
        var loaded = load("direct");
        var specs = new ReleaseSpecs(loaded, Service.of("shop"), new ConfigWiring(loaded.config(), EventSink.discard()));
        var spec = specs.spec(loaded.config().primaryRole(), Color.BLUE, "v1");
        assertThat(new ContainerCommands(ContainerRuntime.PODMAN, ".bluegreen").run(spec,
                new DeployStamp(Instant.EPOCH, "ci")).render()).contains(" --publish 3101:3000 ");
    }

    @Test
    void shouldPublishNoPortForARoleWithoutTraffic() throws IOException {
        var loaded = load("tunnel");
        var specs = new ReleaseSpecs(loaded, Service.of("shop"), new ConfigWiring(loaded.config(), EventSink.discard()));
        var spec = specs.spec(loaded.config().role("job").orElseThrow(), Color.GREEN, "v2");
        assertThat(new ContainerCommands(ContainerRuntime.PODMAN, ".bluegreen").run(spec,
                new DeployStamp(Instant.EPOCH, "ci")).render()).doesNotContain("--publish")
                .contains("--name shop-job-green ").endsWith(" registry.example/shop:v2 bin/jobs");
    }

    @Test
    void shouldBootTheImageFromTheConfiguredRegistryAsKamalNamesIt() throws IOException {
        var file = dir.resolve("private/config/deploy.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", "service: shop", "image: acme/shop", "servers: [web-1]",
                "registry:", "  server: ghcr.io", "  username: acme", "  password: [GHCR_TOKEN]", ""));
        var loaded = ConfigLoader.load(file, Optional.empty(), Map.of("GHCR_TOKEN", "t0ken")::get);
        var specs = new ReleaseSpecs(loaded, Service.of("shop"), new ConfigWiring(loaded.config(), EventSink.discard()));

        var spec = specs.spec(loaded.config().primaryRole(), Color.GREEN, "v2");

        assertThat(new ContainerCommands(ContainerRuntime.PODMAN, ".bluegreen").run(spec,
                new DeployStamp(Instant.EPOCH, "ci")).render()).endsWith(" ghcr.io/acme/shop:v2");
    }
}
