package io.jenkins.plugins.bluegreen.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.bluegreen.engine.config.RunOption;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.health.GateResult;
import io.jenkins.plugins.bluegreen.engine.health.GateSettings;
import io.jenkins.plugins.bluegreen.engine.health.GateTarget;
import io.jenkins.plugins.bluegreen.engine.health.HealthGate;
import io.jenkins.plugins.bluegreen.engine.health.StatusRange;
import io.jenkins.plugins.bluegreen.engine.ledger.Ledger;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.FreePorts;
import io.jenkins.plugins.bluegreen.engine.testbed.LocalShell;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;
import io.jenkins.plugins.bluegreen.engine.testbed.TestTools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builders' commands run for real against podman through a local shell, gated by the real
 * health gate: what an SSH host would run, minus the SSH.
 */
class PodmanContainerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SECRET = "pg-pass-7f3a9c";

    @TempDir
    Path runDir;

    private final Connection host = LocalShell.localhost();
    private final List<String> started = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private Service service;
    private ContainerCommands podman;

    @BeforeEach
    void requirePodman() {
        TestTools.require("podman");
        // A service name of its own per test, so parallel runs never see each other's containers.
        service = Service.of("bgit" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL));
        podman = new ContainerCommands(ContainerRuntime.PODMAN, runDir.toString());
    }

    @AfterEach
    void removeContainers() {
        for (String name : started) {
            host.run(Command.of("podman", "rm", "--force", "--time", "0", name),
                    OutputListener.discard(), TIMEOUT);
        }
    }

    private ContainerSpec spec(final TestImages.App app, final Color color, final int hostPort) {
        return new ContainerSpec(service, "web", color, TestImages.ensure(app), app.version(),
                Map.of("APP_COLOR", color.label()), List.of("DB_PASSWORD"), List.of(),
                List.of(RunOption.of("cpus", "1"), RunOption.of("memory", "64MB")), Map.of(), List.of(), hostPort, 3000, false);
    }

    private CommandResult start(final ContainerSpec spec) {
        var secrets = ContainerCommands.envFileContent(spec, Map.of("DB_PASSWORD", SECRET));
        host.run(podman.writeEnvFile(spec), secrets, OutputListener.discard(), TIMEOUT).orThrow();
        started.add(spec.containerName());
        return host.run(podman.run(spec, new DeployStamp(Instant.now(), "it-tester")), OutputListener.discard(), TIMEOUT)
                .orThrow();
    }

    private HealthGate gate(final int maxAttempts) {
        var settings = new GateSettings(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(30),
                maxAttempts, 2, StatusRange.SUCCESS, null);
        return new HealthGate(settings, events::add, SecretMask.of(List.of(SECRET)));
    }

    private static List<GateTarget> targets(final int port, final String... paths) {
        var out = new ArrayList<GateTarget>();
        for (String p : paths) {
            out.add(new GateTarget("web-1", "http://127.0.0.1:" + port + p));
        }
        return out;
    }

    @Test
    void shouldRunGateReadAndStopARealContainer() throws Exception {
        int port = FreePorts.forContainer();
        var spec = spec(TestImages.V1, Color.GREEN, port);

        var run = start(spec);

        assertThat(run.command()).doesNotContain(SECRET);
        assertThat(Files.getPosixFilePermissions(Path.of(podman.envFile(spec))))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var results = gate(40).await(targets(port, "/health", "/health/ready", "/health/live"));
        assertThat(GateResult.allPassed(results)).as(results.toString()).isTrue();
        assertThat(body(port, "/")).isEqualTo("bgtest-app v1");
        assertThat(body(port, "/env-names")).contains("DB_PASSWORD", "APP_COLOR").doesNotContain(SECRET);

        var state = new Ledger(podman).read(host, service, 10);
        assertThat(state.slot("web", Color.GREEN)).hasValueSatisfying(slot -> {
            assertThat(slot.container()).isEqualTo(service.name() + "-web-green");
            assertThat(slot.release().version()).isEqualTo("v1");
            assertThat(slot.release().deployedBy()).isEqualTo("it-tester");
            assertThat(slot.running()).isTrue();
        });
        assertThat(state.live()).contains(Color.GREEN);

        host.run(podman.stop(spec.containerName(), Duration.ofSeconds(20)), OutputListener.discard(), TIMEOUT).orThrow();
        // Exit code 0, not 137: the app ended on SIGTERM within the drain period, no SIGKILL needed.
        var inspect = host.run(podman.inspect(spec.containerName()), OutputListener.discard(), TIMEOUT).orThrow();
        assertThat(new ObjectMapper().readTree(inspect.stdout()).get(0).at("/State/ExitCode").asInt()).isZero();
        host.run(podman.remove(spec.containerName()), OutputListener.discard(), TIMEOUT).orThrow();
        host.run(podman.removeEnvFile(spec), OutputListener.discard(), TIMEOUT).orThrow();
        assertThat(new Ledger(podman).read(host, service, 10).slots()).isEmpty();
        assertThat(Path.of(podman.envFile(spec))).doesNotExist();
    }

    @Test
    void shouldFailTheGateNamingTheDownCheck() {
        int port = FreePorts.forContainer();
        start(spec(TestImages.REDIS_DOWN, Color.BLUE, port));

        var results = gate(12).await(targets(port, "/health", "/health/ready"));

        assertThat(results.get(0).passed()).isTrue();
        assertThat(results.get(1).passed()).isFalse();
        assertThat(results.get(1).describe()).startsWith("web-1: http://127.0.0.1:" + port
                + "/health/ready: status outside 200-299; check redis: false (status 503, body: {\"status\":\"not_ready\","
                + "\"checks\":{\"database\":true,\"redis\":false}})");
    }

    @Test
    void shouldWaitForASlowBootAndRejectANeverHealthyApp() {
        int slowPort = FreePorts.forContainer();
        int sickPort = FreePorts.forContainer();
        start(spec(TestImages.slowBoot(2), Color.GREEN, slowPort));
        start(spec(TestImages.NEVER_HEALTHY, Color.BLUE, sickPort));

        var slow = gate(40).await(targets(slowPort, "/health"));
        var sick = gate(4).await(targets(sickPort, "/health"));

        assertThat(slow.get(0).passed()).isTrue();
        assertThat(slow.get(0).attempts()).isGreaterThan(2);
        assertThat(events).anyMatch(e -> e.message().contains("/health: attempt 1: "));
        assertThat(sick.get(0).passed()).isFalse();
        assertThat(sick.get(0).failure()).isEqualTo("status outside 200-299 (status 503, body: {\"status\":\"unhealthy\",\"version\":\"v3\"})");
    }

    @Test
    void shouldCatchAnAppThatTurnsUnhealthyAfterStart() {
        int port = FreePorts.forContainer();
        start(spec(TestImages.unhealthyAfter(3), Color.GREEN, port));

        var first = gate(40).await(targets(port, "/health"));
        var later = new HealthGate(new GateSettings(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(8),
                0, 20, StatusRange.SUCCESS, null), events::add, SecretMask.none()).await(targets(port, "/health"));

        assertThat(first.get(0).passed()).isTrue();
        assertThat(later.get(0).passed()).isFalse();
        assertThat(later.get(0).lastStatus()).isEqualTo(503);
    }

    private static String body(final int port, final String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.body();
    }
}
