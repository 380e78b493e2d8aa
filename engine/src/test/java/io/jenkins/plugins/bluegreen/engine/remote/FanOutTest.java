package io.jenkins.plugins.bluegreen.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fan-out over real sshd hosts: bounded batches, fail-fast or collect-all, cancellation. */
class FanOutTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(4);

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static FanOut.HostOperation run(final Command command) {
        return c -> c.run(command, OutputListener.discard(), TIMEOUT);
    }

    @Test
    void shouldRunOnEveryHostOverOneConnectionEach() {
        var opened = new AtomicInteger();
        var connector = BED.connector();
        try (var connections = new Connections(host -> {
            opened.incrementAndGet();
            return connector.connect(host);
        })) {
            var fanOut = new FanOut(connections, BootLimit.all(), Duration.ZERO, FanOut.Mode.COLLECT_ALL);
            fanOut.run(BED.hosts(), run(Command.of("true"))).orThrow("first");
            var report = fanOut.run(BED.hosts(), c -> {
                c.run(Command.of("true"), OutputListener.discard(), TIMEOUT).orThrow();
                return c.run(Command.of("echo", "ok"), OutputListener.discard(), TIMEOUT);
            });
            assertThat(report.ok()).isTrue();
            assertThat(report.outcomes()).extracting(HostOutcome::host).containsExactlyElementsOf(BED.hosts());
            assertThat(opened).hasValue(BED.hosts().size());
        }
    }

    @Test
    void shouldNeverRunMoreHostsAtOnceThanTheBootLimit() {
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        try (var connections = new Connections(BED.connector())) {
            var report = new FanOut(connections, BootLimit.parse("50%"), Duration.ofMillis(100), FanOut.Mode.COLLECT_ALL)
                    .run(BED.hosts(), c -> {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            return c.run(Command.of("sleep", "0.3"), OutputListener.discard(), TIMEOUT);
                        }
                        finally {
                            running.decrementAndGet();
                        }
                    });
            assertThat(report.ok()).isTrue();
            assertThat(most.get()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void shouldCollectEveryHostsOutcomeAndRenderThemAsATable() {
        var failing = BED.host(1);
        try (var connections = new Connections(BED.connector())) {
            var report = new FanOut(connections, BootLimit.count(2), Duration.ZERO, FanOut.Mode.COLLECT_ALL)
                    .run(BED.hosts(), c -> c.run(c.host().equals(failing)
                            ? Command.of("sh", "-c", "echo disk full >&2; exit 7") : Command.of("true"),
                            OutputListener.discard(), TIMEOUT));
            assertThat(report.outcomes()).extracting(HostOutcome::status).containsExactly(HostOutcome.Status.OK,
                    HostOutcome.Status.FAILED, HostOutcome.Status.OK, HostOutcome.Status.OK);
            assertThat(report.failures()).singleElement().satisfies(o -> {
                assertThat(o.exitCode()).isEqualTo(7);
                assertThat(o.reason()).isEqualTo("`sh -c 'echo disk full >&2; exit 7'` exited with 7: disk full");
            });
            var table = report.render().lines().toList();
            assertThat(table.get(0)).startsWith("HOST").contains("STATUS", "EXIT", "TIME", "REASON");
            assertThat(table.get(2)).startsWith(failing.toString()).contains("failed", "   7 ", "disk full");
            assertThatThrownBy(() -> report.orThrow("boot"))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessageStartingWith("boot failed on 1 of 4 host(s):\nHOST");
        }
    }

    @Test
    void shouldStopAtTheFirstFailureWhenFailingFast() {
        try (var connections = new Connections(BED.connector())) {
            var report = new FanOut(connections, BootLimit.count(2), Duration.ZERO, FanOut.Mode.FAIL_FAST)
                    .run(BED.hosts(), c -> c.run(c.host().equals(BED.host(1))
                            ? Command.of("false") : Command.of("sleep", "10"), OutputListener.discard(), TIMEOUT));
            assertThat(report.outcomes()).extracting(HostOutcome::status).containsExactly(HostOutcome.Status.CANCELLED,
                    HostOutcome.Status.FAILED, HostOutcome.Status.SKIPPED, HostOutcome.Status.SKIPPED);
        }
    }

    @Test
    void shouldCancelMidFanOutKillingCommandsAndClosingConnections() throws Exception {
        var started = new CountDownLatch(BED.hosts().size());
        var connections = new Connections(BED.connector());
        var fanOut = new FanOut(connections, BootLimit.all(), Duration.ZERO, FanOut.Mode.COLLECT_ALL);
        var run = CompletableFuture.supplyAsync(() -> fanOut.run(BED.hosts(),
                c -> c.run(Command.of("sh", "-c", "echo up; sleep 30"), (h, s, l) -> started.countDown(), TIMEOUT)));
        assertThat(started.await(15, TimeUnit.SECONDS)).isTrue();
        fanOut.cancel();
        var report = run.get(15, TimeUnit.SECONDS);
        assertThat(report.outcomes()).extracting(HostOutcome::status).containsOnly(HostOutcome.Status.CANCELLED);
        assertThatThrownBy(() -> connections.get(BED.host(0))).hasMessageContaining("cancelled");
        for (int i = 0; i < BED.hosts().size(); i++) {
            final int host = i;
            // The host's sshd notices the closed connection and its session process ends.
            for (int wait = 0; wait < 100 && !BED.sessions(host).isEmpty(); wait++) {
                Thread.sleep(50);
            }
            assertThat(BED.sessions(host)).as("sessions on host %d", host).isEmpty();
        }
    }

    @Test
    void shouldReportAHostItCannotReach() {
        var unreachable = new Host(BED.host(0).name(), 1);
        try (var connections = new Connections(BED.connector())) {
            var report = new FanOut(connections, BootLimit.all(), Duration.ZERO, FanOut.Mode.COLLECT_ALL)
                    .run(List.of(BED.host(0), unreachable), run(Command.of("true")));
            assertThat(report.failures()).singleElement().satisfies(o -> {
                assertThat(o.host()).isEqualTo(unreachable);
                assertThat(o.exitCode()).isNull();
                assertThat(o.reason()).contains("cannot connect to port 1");
            });
        }
    }
}
