package io.jenkins.plugins.bluegreen.engine.container;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.health.GateResult;
import io.jenkins.plugins.bluegreen.engine.health.GateSettings;
import io.jenkins.plugins.bluegreen.engine.health.GateTarget;
import io.jenkins.plugins.bluegreen.engine.health.HealthGate;
import io.jenkins.plugins.bluegreen.engine.health.StatusRange;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.FreePorts;
import io.jenkins.plugins.bluegreen.engine.testbed.LocalShell;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;
import io.jenkins.plugins.bluegreen.engine.testbed.TestTools;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long one color takes from {@code run} to a passed gate, and to stop on SIGTERM: the figures
 * behind sensible gate deadlines and drain periods. Prints figures; asserts nothing about time.
 */
@Tag("benchmark")
class ContainerBootBenchmark {
    private static final int ROUNDS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path runDir;

    @Test
    void shouldMeasureRunToHealthyAndStop() {
        TestTools.require("podman");
        var image = TestImages.ensure(TestImages.V2);
        var host = LocalShell.localhost();
        var podman = new ContainerCommands(ContainerRuntime.PODMAN, runDir.toString());
        var gate = new HealthGate(new GateSettings(Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(30),
                0, 1, StatusRange.SUCCESS, null), EventSink.discard(), SecretMask.none());
        long runMs = 0;
        long healthyMs = 0;
        long stopMs = 0;
        for (int i = 0; i < ROUNDS; i++) {
            int port = FreePorts.forContainer();
            var spec = new ContainerSpec(Service.of("bgbench"), "web", Color.BLUE, image, "v2", Map.of(), List.of(),
                    List.of(), List.of(), Map.of(), List.of(), port, 3000, false);
            try {
                long t0 = System.nanoTime();
                host.run(podman.run(spec, new DeployStamp(Instant.now(), "bench")), OutputListener.discard(), TIMEOUT)
                        .orThrow();
                long t1 = System.nanoTime();
                var results = gate.await(List.of(new GateTarget("local", "http://127.0.0.1:" + port + "/health")));
                long t2 = System.nanoTime();
                GateResult.orThrow(results);
                host.run(podman.stop(spec.containerName(), Duration.ofSeconds(10)), OutputListener.discard(), TIMEOUT)
                        .orThrow();
                long t3 = System.nanoTime();
                runMs += (t1 - t0) / 1_000_000;
                healthyMs += (t2 - t1) / 1_000_000;
                stopMs += (t3 - t2) / 1_000_000;
            }
            finally {
                host.run(Command.of("podman", "rm", "--force", "--time", "0", spec.containerName()),
                        OutputListener.discard(), TIMEOUT);
            }
        }
        System.out.printf("container boot (podman, busybox app, %d rounds): run %d ms, run->healthy %d ms,"
                + " stop on SIGTERM %d ms (averages)%n", ROUNDS, runMs / ROUNDS, healthyMs / ROUNDS, stopMs / ROUNDS);
    }

    @Test
    void shouldMeasureGateProbeCost() {
        try (var server = new ScriptedHttpServer()) {
            server.on("/health", ScriptedHttpServer.Reply.of(200, "{\"status\":\"ok\"}"));
            int probes = 200;
            var gate = new HealthGate(new GateSettings(Duration.ZERO, Duration.ofSeconds(2), null, probes, probes,
                    StatusRange.SUCCESS, "ok"), EventSink.discard(), SecretMask.none());
            long t0 = System.nanoTime();
            var result = gate.await(List.of(new GateTarget("local", server.url("/health")))).get(0);
            long micros = (System.nanoTime() - t0) / 1000;
            System.out.printf("health gate: %d probes against a loopback server in %d ms, %d us per probe (passed=%s)%n",
                    result.attempts(), micros / 1000, micros / result.attempts(), result.passed());
        }
    }
}
