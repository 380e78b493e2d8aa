package io.jenkins.plugins.bluegreen.engine.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.config.Migrations;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import io.jenkins.plugins.bluegreen.engine.container.ContainerSpec;
import io.jenkins.plugins.bluegreen.engine.container.RegistryLogin;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.LocalConnector;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-container path: a one-off podman container of the new image with the app's env, secrets and volumes. */
class MigrationInContainerTest {
    private static final String SECRET = "s3cr3t-db-password";

    @TempDir
    Path dir;

    @Test
    void shouldMigrateInAOneOffContainerOfTheNewImageWithTheAppsEnvAndVolumes() throws Exception {
        var image = TestImages.ensure(TestImages.V2);
        var data = Files.createDirectories(dir.resolve("data"));
        var service = new Service("migtest-" + Long.toString(System.nanoTime(), 36), null);
        var spec = new ContainerSpec(service, "web", Color.GREEN, image, "v2", Map.of("RELEASE", "v2"),
                List.of("DB_PASSWORD"), List.of(data + ":/data"), List.of(), Map.of(), List.of(), 3002, 3000, false);
        var settings = new Migrations(
                "echo \"migrating $RELEASE as $DB_PASSWORD\"; echo 20261124000000 > /data/version;"
                        + " echo \"$RELEASE $DB_PASSWORD\" > /data/marker",
                "cat /data/version 2>/dev/null; true", Migrations.DEFAULT_ROLLBACK_COMMAND, true,
                new Migrations.Backup(Optional.empty(), false), Optional.empty(),
                new Migrations.Lint(Migrations.LintMode.WARN, List.of("db/migrate")));
        var containers = new ContainerCommands(ContainerRuntime.PODMAN, dir.resolve("run").toString());
        var events = Collections.synchronizedList(new ArrayList<Event>());
        var host = new Host("app-1", 0);
        var plan = new MigrationPlan(service, "v2", Color.GREEN, image, Optional.empty(), host, null,
                Map.of("DB_PASSWORD", SECRET), Optional.empty(), new DeployStamp(Instant.now(), "alice"),
                MigrationPlan.Locking.TAKE, "build #7");

        try (var connections = new Connections(new LocalConnector(SecretMask.of(List.of(SECRET))))) {
            var result = new MigrationRunner(new MigrationCommands(settings, containers, spec), events::add,
                    SecretMask.of(List.of(SECRET))).run(connections, plan);

            assertThat(result.schemaBefore()).isNull();
            assertThat(result.schemaAfter()).isEqualTo("20261124000000");
            assertThat(result.applied()).as("a single version and no workspace cannot tell how many ran").isEmpty();
            assertThat(Files.readString(data.resolve("marker"))).isEqualTo("v2 " + SECRET + "\n");
            var left = connections.get(host).run(Command.of("podman", "ps", "--all", "--quiet", "--filter",
                    "name=" + service.qualified() + "-migrate"), OutputListener.discard(), Duration.ofSeconds(30));
            assertThat(left.orThrow().stdout()).as("the one-off container removed itself").isEmpty();
        }
        var lines = events.stream().map(Event::line).toList();
        assertThat(lines).contains("[migrate] app-1: migrating v2 as " + SecretMask.MASK);
        assertThat(String.join("\n", lines)).doesNotContain(SECRET);
    }

    @Test
    void shouldLogInToTheRegistryForAnImageTheHostLacksAndRunNothingWhenThatFails() throws Exception {
        int registryPort = ScriptedHttpServer.closedPort();
        var image = "127.0.0.1:" + registryPort + "/migtest-absent:v2";
        var data = Files.createDirectories(dir.resolve("data"));
        var service = new Service("migtest-" + Long.toString(System.nanoTime(), 36), null);
        var spec = new ContainerSpec(service, "web", Color.GREEN, image, "v2", Map.of(), List.of(),
                List.of(data + ":/data"), List.of(), Map.of(), List.of(), 3002, 3000, false);
        var settings = new Migrations("touch /data/migrated", "true", Migrations.DEFAULT_ROLLBACK_COMMAND, true,
                new Migrations.Backup(Optional.empty(), false), Optional.empty(),
                new Migrations.Lint(Migrations.LintMode.WARN, List.of("db/migrate")));
        var containers = new ContainerCommands(ContainerRuntime.PODMAN, dir.resolve("run").toString());
        var events = Collections.synchronizedList(new ArrayList<Event>());
        var host = new Host("app-1", 0);
        var plan = new MigrationPlan(service, "v2", Color.GREEN, image, registry(registryPort), host, null, Map.of(),
                Optional.empty(), new DeployStamp(Instant.now(), "alice"), MigrationPlan.Locking.TAKE, null);

        try (var connections = new Connections(new LocalConnector(SecretMask.of(List.of(SECRET))))) {
            var runner = new MigrationRunner(new MigrationCommands(settings, containers, spec), events::add,
                    SecretMask.of(List.of(SECRET)));
            assertThatThrownBy(() -> runner.run(connections, plan))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessageStartingWith("app-1: the image " + image + " of v2 is not on the host and could not be"
                            + " pulled: `podman login 127.0.0.1:" + registryPort + " -u deploy-bot --password-stdin`"
                            + " exited with ")
                    .hasMessageContaining("no migration ran and traffic was not touched")
                    .message().doesNotContain(SECRET);
        }
        assertThat(data.resolve("migrated")).doesNotExist();
        assertThat(events).extracting(Event::line)
                .contains("[migrate] app-1: logging in to 127.0.0.1:" + registryPort + " as deploy-bot",
                        "[lock] app-1: released the deploy lock of " + service.qualified());
    }

    /** The registry as a config names it, its password from the environment. */
    private Optional<RegistryLogin> registry(final int port) throws Exception {
        var file = dir.resolve("deploy.yml");
        Files.writeString(file, String.join("\n", "service: migtest", "image: migtest-absent", "servers: [app-1]",
                "registry:", "  server: 127.0.0.1:" + port, "  username: deploy-bot",
                "  password: $BG_REGISTRY_PASSWORD", ""));
        return RegistryLogin.of(ConfigLoader.load(file, Optional.empty(), Map.of("BG_REGISTRY_PASSWORD", SECRET)::get));
    }
}
