package io.jenkins.plugins.bluegreen.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.config.RunOption;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerCommandsTest {
    private static final DeployStamp STAMP = new DeployStamp(Instant.parse("2026-11-24T10:15:30.250Z"), "alice");
    private static final ContainerCommands DOCKER = new ContainerCommands(ContainerRuntime.DOCKER, ".bluegreen");
    private static final ContainerCommands PODMAN = new ContainerCommands(ContainerRuntime.PODMAN, "/srv/bg");

    private static ContainerSpec plain() {
        return new ContainerSpec(Service.of("a2d2"), "web", Color.GREEN, "registry.example/a2d2:v2", "v2",
                Map.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), 3002, 3000, false);
    }

    @Test
    void shouldRunPlainContainerOnLoopbackWithLedgerLabels() {
        assertThat(DOCKER.run(plain(), STAMP).render()).isEqualTo(
                "docker run --detach --restart unless-stopped --name a2d2-web-green"
                        + " --label bluegreen.service=a2d2 --label bluegreen.role=web --label bluegreen.color=green"
                        + " --label bluegreen.version=v2 --label bluegreen.deployed-at=2026-11-24T10:15:30Z"
                        + " --label bluegreen.deployed-by=alice"
                        + " --publish 127.0.0.1:3002:3000 registry.example/a2d2:v2");
    }

    @Test
    void shouldRunFullyConfiguredContainerWithPodman() {
        var spec = new ContainerSpec(new Service("a2d2", "staging"), "web", Color.BLUE, "localhost/a2d2:v1", "v1",
                Map.of("RAILS_ENV", "production", "LOG_LEVEL", "info"), List.of("SECRET_KEY_BASE", "DATABASE_URL"),
                List.of("/data/uploads:/app/uploads", "/etc/ssl:/etc/ssl:ro"),
                List.of(RunOption.of("cpus", "2"), RunOption.of("memory", "512MB")), Map.of("team", "payments"),
                List.of("bin/rails", "server"), 3001, 3000, true);
        assertThat(PODMAN.run(spec, STAMP).render()).isEqualTo(
                "podman run --detach --restart unless-stopped --name a2d2-staging-web-blue"
                        + " --label bluegreen.service=a2d2 --label bluegreen.destination=staging"
                        + " --label bluegreen.role=web --label bluegreen.color=blue"
                        + " --label bluegreen.version=v1 --label bluegreen.deployed-at=2026-11-24T10:15:30Z"
                        + " --label bluegreen.deployed-by=alice --label team=payments"
                        + " --env LOG_LEVEL=info --env RAILS_ENV=production"
                        + " --env-file /srv/bg/env/a2d2-staging-web-blue.env"
                        + " --volume /data/uploads:/app/uploads --volume /etc/ssl:/etc/ssl:ro"
                        + " --cpus 2 --memory 512m --publish 3001:3000 localhost/a2d2:v1 bin/rails server");
    }

    @Test
    void shouldRunAOneOffWithTheAppsEnvVolumesAndOptionsButNoPortsLabelsOrRestartPolicy() {
        var spec = new ContainerSpec(new Service("a2d2", "staging"), "web", Color.BLUE, "localhost/a2d2:v2", "v2",
                Map.of("RAILS_ENV", "production"), List.of("DATABASE_URL"), List.of("/data/uploads:/app/uploads"),
                List.of(RunOption.of("cpus", "2"), RunOption.of("restart", "on-failure"), RunOption.flag("cap-add")),
                Map.of("team", "payments"), List.of("bin/rails", "server"), 3001, 3000, false);
        assertThat(PODMAN.runOnce(spec, "migrate", "bin/rails db:migrate").render()).isEqualTo(
                "podman run --rm --name a2d2-staging-migrate --env RAILS_ENV=production"
                        + " --env-file /srv/bg/env/a2d2-staging-web-blue.env --volume /data/uploads:/app/uploads"
                        + " --cpus 2 --cap-add localhost/a2d2:v2 sh -c 'bin/rails db:migrate'");
    }

    @Test
    void shouldQuoteHostileValues() {
        var spec = new ContainerSpec(Service.of("a2d2"), "web", Color.GREEN, "a2d2:v2", "v2; rm -rf /",
                Map.of("GREETING", "it's $(id) `id`"), List.of(), List.of("/data/my files:/app/data"), List.of(),
                Map.of("note", "a b"), List.of("sh", "-c", "echo $HOME"), 3002, 3000, false);
        assertThat(DOCKER.run(spec, new DeployStamp(STAMP.at(), "bob; reboot")).render()).isEqualTo(
                "docker run --detach --restart unless-stopped --name a2d2-web-green"
                        + " --label bluegreen.service=a2d2 --label bluegreen.role=web --label bluegreen.color=green"
                        + " --label 'bluegreen.version=v2; rm -rf /' --label bluegreen.deployed-at=2026-11-24T10:15:30Z"
                        + " --label 'bluegreen.deployed-by=bob; reboot' --label 'note=a b'"
                        + " --env 'GREETING=it'\\''s $(id) `id`'"
                        + " --volume '/data/my files:/app/data'"
                        + " --publish 127.0.0.1:3002:3000 a2d2:v2 sh -c 'echo $HOME'");
    }

    @Test
    void shouldKeepSecretValuesOutOfTheRunCommand() {
        var spec = new ContainerSpec(Service.of("a2d2"), "web", Color.GREEN, "a2d2:v2", "v2",
                Map.of(), List.of("DB_PASSWORD"), List.of(), List.of(), Map.of(), List.of(), 3002, 3000, false);
        var secrets = Map.of("DB_PASSWORD", "hunter2-very-secret");

        assertThat(DOCKER.run(spec, STAMP).render()).doesNotContain("hunter2")
                .contains("--env-file .bluegreen/env/a2d2-web-green.env");
        assertThat(DOCKER.writeEnvFile(spec).render()).doesNotContain("hunter2").isEqualTo(
                "sh -c 'umask 077 && mkdir -p \"$1\" && rm -f \"$2.tmp\" && cat > \"$2.tmp\" && mv -f \"$2.tmp\" \"$2\"'"
                        + " sh .bluegreen/env .bluegreen/env/a2d2-web-green.env");
        assertThat(new String(ContainerCommands.envFileContent(spec, secrets), StandardCharsets.UTF_8))
                .isEqualTo("DB_PASSWORD=hunter2-very-secret\n");
        assertThat(DOCKER.removeEnvFile(spec).render()).isEqualTo("rm -f .bluegreen/env/a2d2-web-green.env");
    }

    @Test
    void shouldRefuseSecretsAnEnvFileCannotCarryWithoutShowingThem() {
        var spec = new ContainerSpec(Service.of("a2d2"), "web", Color.GREEN, "a2d2:v2", "v2",
                Map.of(), List.of("DB_PASSWORD"), List.of(), List.of(), Map.of(), List.of(), 3002, 3000, false);

        assertThatThrownBy(() -> ContainerCommands.envFileContent(spec, Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("DB_PASSWORD has no value");
        assertThatThrownBy(() -> ContainerCommands.envFileContent(spec, Map.of("DB_PASSWORD", "line1\nline2")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DB_PASSWORD contains a line break").hasMessageNotContaining("line1");
    }

    @Test
    void shouldBuildLifecycleCommandsPerRuntime() {
        assertThat(DOCKER.pull("a2d2:v2").render()).isEqualTo("docker pull a2d2:v2");
        assertThat(DOCKER.stop("a2d2-web-blue", Duration.ofSeconds(30)).render())
                .isEqualTo("docker stop -t 30 a2d2-web-blue");
        assertThat(PODMAN.stop("a2d2-web-blue", Duration.ofSeconds(30)).render())
                .isEqualTo("podman stop --time 30 a2d2-web-blue");
        assertThat(PODMAN.remove("a2d2-web-blue").render()).isEqualTo("podman rm a2d2-web-blue");
        assertThat(DOCKER.start("a2d2-job-blue").render()).isEqualTo("docker start a2d2-job-blue");
        assertThat(DOCKER.logs("a2d2-web-green", 50).render()).isEqualTo("docker logs --tail 50 a2d2-web-green");
        assertThat(DOCKER.inspect("a2d2-web-blue").render()).isEqualTo("docker inspect --type container a2d2-web-blue");
        assertThat(PODMAN.list(new Service("a2d2", "staging")).render())
                .isEqualTo("podman ps --all --filter label=bluegreen.service=a2d2 --format '{{json .}}'");
        assertThat(PODMAN.imageExists("localhost/a2d2:v2").render()).isEqualTo("podman image exists localhost/a2d2:v2");
        assertThat(DOCKER.imageExists("a2d2:v2").render()).isEqualTo("docker image inspect --format '{{.Id}}' a2d2:v2");
    }

    @Test
    void shouldMapMemorySpellingsToTheShortFormBothRuntimesAccept() {
        assertThat(MemoryLimit.toRuntimeFlag("512MB", "m")).isEqualTo("512m");
        assertThat(MemoryLimit.toRuntimeFlag("1GiB", "m")).isEqualTo("1g");
        assertThat(MemoryLimit.toRuntimeFlag("2g", "m")).isEqualTo("2g");
        assertThat(MemoryLimit.toRuntimeFlag("256 kb", "m")).isEqualTo("256k");
        assertThatThrownBy(() -> MemoryLimit.toRuntimeFlag("1.5GB", "options.memory"))
                .hasMessage("options.memory: expected a memory size like 512MB, 512m or 2GB, got '1.5GB'");
    }

    @Test
    void shouldExplainBadSpecValues() {
        assertThatThrownBy(() -> new ContainerSpec(Service.of("a2d2"), "web", Color.GREEN, "a2d2:v2", "v2",
                Map.of(), List.of(), List.of(), List.of(RunOption.of("cpus", "lots")), Map.of(), List.of(), 3002, 3000, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("options.cpus: expected a positive number like 2 or 0.5, got 'lots'");
        assertThatThrownBy(() -> new ContainerSpec(Service.of("a2d2"), "web", Color.GREEN, "a2d2:v2", "v2",
                Map.of("BAD-NAME", "x"), List.of(), List.of(), List.of(), Map.of(), List.of(), 3002, 3000, false))
                .hasMessage("env: expected a variable name like DATABASE_URL, got 'BAD-NAME'");
        assertThatThrownBy(() -> new ContainerSpec(Service.of("a2d2"), "web", Color.GREEN, "a2d2:v2", "v2",
                Map.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), 70000, 3000, false))
                .hasMessage("ports.green: expected a port from 1 to 65535, got 70000");
        assertThatThrownBy(() -> Service.of("A2D2 app"))
                .hasMessageStartingWith("service: expected lower-case letters").hasMessageEndingWith("got 'A2D2 app'");
    }

    @Test
    void shouldLogInWithThePasswordOnStdinForDockerAndPodmanAlike() {
        assertThat(DOCKER.login("ghcr.io", "deploy-bot").render())
                .isEqualTo("docker login ghcr.io -u deploy-bot --password-stdin");
        assertThat(PODMAN.login("registry.example:5000", "ci user").render())
                .isEqualTo("podman login registry.example:5000 -u 'ci user' --password-stdin");
    }

    @Test
    void shouldAskOnlyForTheContainersStateWhenJudgingAWorkerReady() {
        assertThat(PODMAN.state("a2d2-job-green").render())
                .isEqualTo("podman inspect --type container --format '{{.State.Status}} {{.RestartCount}}' a2d2-job-green");
    }

    @Test
    void shouldPassRoleOptionsAsTheRepeatedFlagsKamalPasses(@TempDir final Path dir) throws IOException {
        var file = dir.resolve("config/deploy.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", "service: a2d2", "image: a2d2/app", "servers:", "  web:",
                "    hosts: [web-1]", "    options:", "      mount: somewhere", "      cap-add: true",
                "      add-host: [db:10.0.0.5, cache:10.0.0.6]", "      sysctl: {net.core.somaxconn: 1024}",
                "      ulimit: [nofile=1024, nproc=512]", "      memory: 1GB", "      restart: on-failure:3", ""));
        var role = ConfigLoader.load(file, Optional.empty(), Map.<String, String>of()::get).config().primaryRole();
        var spec = new ContainerSpec(Service.of("a2d2"), "web", Color.GREEN, "a2d2/app:v2", "v2", Map.of(), List.of(),
                List.of(), role.options(), Map.of(), List.of(), 3002, 3000, false);

        assertThat(DOCKER.run(spec, STAMP).render()).isEqualTo(
                "docker run --detach --restart on-failure:3 --name a2d2-web-green"
                        + " --label bluegreen.service=a2d2 --label bluegreen.role=web --label bluegreen.color=green"
                        + " --label bluegreen.version=v2 --label bluegreen.deployed-at=2026-11-24T10:15:30Z"
                        + " --label bluegreen.deployed-by=alice"
                        + " --mount somewhere --cap-add --add-host db:10.0.0.5 --add-host cache:10.0.0.6"
                        + " --sysctl net.core.somaxconn=1024 --ulimit nofile=1024 --ulimit nproc=512 --memory 1g"
                        + " --publish 127.0.0.1:3002:3000 a2d2/app:v2");
    }

    @Test
    void shouldQuoteOptionValuesLikeEveryOtherArgument() {
        var spec = new ContainerSpec(Service.of("a2d2"), "web", Color.GREEN, "a2d2:v2", "v2", Map.of(), List.of(),
                List.of(), List.of(RunOption.of("label-file", "/etc/my labels"), RunOption.of("log-opt", "tag={{.Name}}")),
                Map.of(), List.of(), 3002, 3000, false);

        assertThat(DOCKER.runOnce(spec, "x", "true").render()).isEqualTo("docker run --rm --name a2d2-x"
                + " --label-file '/etc/my labels' --log-opt 'tag={{.Name}}' a2d2:v2 sh -c true");
    }
}
