package io.jenkins.plugins.bluegreen.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer.Reply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthGateTest {
    private static final String READY_BODY = "{\"status\":\"ready\",\"checks\":{\"database\":true,\"redis\":false}}";

    private final ScriptedHttpServer server = new ScriptedHttpServer();
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static GateSettings settings(final int maxAttempts, final int successes, final Duration timeout) {
        return new GateSettings(Duration.ofMillis(20), timeout, null, maxAttempts, successes, StatusRange.SUCCESS, null);
    }

    private HealthGate gate(final GateSettings settings) {
        return new HealthGate(settings, events::add, SecretMask.of(List.of("s3cr3t-token")));
    }

    @Test
    void shouldPassAHealthyAppOnTheFirstAttempt() {
        server.on("/health", Reply.of(200, "{\"status\":\"ok\",\"version\":\"v2\"}"));

        var results = gate(settings(5, 1, Duration.ofSeconds(2)))
                .await(List.of(new GateTarget("web-1", server.url("/health"))));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.passed()).isTrue();
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.lastStatus()).isEqualTo(200);
        });
        assertThat(GateResult.orThrow(results)).isEqualTo(results);
        assertThat(events).allMatch(e -> e.phase() == Phase.GATE)
                .anyMatch(e -> "web-1".equals(e.host()) && e.message().contains("/health healthy after 1 attempt(s)"));
    }

    @Test
    void shouldWaitThroughA503UntilEnoughConsecutiveSuccesses() {
        server.on("/health", Reply.of(503, "{\"status\":\"booting\"}"), Reply.of(503, "{\"status\":\"booting\"}"),
                Reply.of(200, "{\"status\":\"ok\"}"));

        var results = gate(settings(10, 2, Duration.ofSeconds(2)))
                .await(List.of(new GateTarget("web-1", server.url("/health"))));

        assertThat(results.get(0).passed()).isTrue();
        assertThat(results.get(0).attempts()).isEqualTo(4);
        assertThat(events).filteredOn(e -> e.message().contains("status 503")).hasSize(1);
    }

    /** The healthGate step's URLs are the pipeline's choice; what they answer stays out of the build log. */
    @Test
    void shouldNameTheFailedCheckAndStatusButNoBodyWhenToldNotTo() {
        server.on("/health/ready", Reply.of(500, "<html>internal admin console: db=10.0.0.5</html>"));

        var results = gate(settings(2, 1, Duration.ofSeconds(2))).withoutBodyExcerpts()
                .await(List.of(new GateTarget("web-2", server.url("/health/ready"))));

        assertThat(results.get(0).failure()).contains("status 500").doesNotContain("admin console").doesNotContain("body:");
        assertThat(events).noneMatch(e -> e.message().contains("admin console"));
    }

    @Test
    void shouldNameTheFailedCheckHostStatusAndMaskedBody() {
        server.on("/health/ready", Reply.of(200, READY_BODY.replace("}}", "},\"token\":\"s3cr3t-token\"}")));

        var results = gate(settings(3, 1, Duration.ofSeconds(2)))
                .await(List.of(new GateTarget("web-2", server.url("/health/ready"))));

        var r = results.get(0);
        assertThat(r.passed()).isFalse();
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.failure()).isEqualTo("check redis: false (status 200, body: {\"status\":\"ready\","
                + "\"checks\":{\"database\":true,\"redis\":false},\"token\":\"****\"})");
        assertThat(r.describe()).startsWith("web-2: " + server.url("/health/ready") + ": check redis: false")
                .contains("after 3 attempts in ");
        assertThat(events).noneMatch(e -> e.message().contains("s3cr3t"))
                .anyMatch(e -> e.level() == Event.Level.ERROR && e.message().contains("check redis: false"));
        assertThatThrownBy(() -> GateResult.orThrow(results)).isInstanceOf(DeployFailedException.class)
                .hasMessageStartingWith("health gate failed:\n  web-2: ").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void shouldTruncateLongBodies() {
        server.on("/health", Reply.of(500, "x".repeat(5000)));

        var failure = gate(settings(1, 1, Duration.ofSeconds(2)))
                .await(List.of(new GateTarget("web-1", server.url("/health")))).get(0).failure();

        assertThat(failure).isEqualTo("status outside 200-299 (status 500, body: " + "x".repeat(200) + "...)");
    }

    @Test
    void shouldReportSlowResponsesAsTimeouts() {
        server.on("/health", new Reply(200, "{}", Duration.ofMillis(1500)));

        var r = gate(settings(2, 1, Duration.ofMillis(200)))
                .await(List.of(new GateTarget("web-1", server.url("/health")))).get(0);

        assertThat(r.passed()).isFalse();
        assertThat(r.lastStatus()).isEqualTo(-1);
        assertThat(r.failure()).isEqualTo("no response within 0.2s");
    }

    @Test
    void shouldReportRefusedConnectionsPerUrlAndStillPassTheHealthyOnes() {
        server.on("/health", Reply.of(200, "{}"));
        var closed = "http://127.0.0.1:" + ScriptedHttpServer.closedPort() + "/health";

        var results = gate(settings(2, 1, Duration.ofSeconds(1)))
                .await(List.of(new GateTarget("web-1", server.url("/health")), new GateTarget("web-2", closed)));

        assertThat(results.get(0).passed()).isTrue();
        assertThat(results.get(0).attempts()).isEqualTo(1);
        assertThat(results.get(1).passed()).isFalse();
        assertThat(results.get(1).describe()).isEqualTo("web-2: " + closed + ": connection refused after 2 attempts in "
                + GateResult.seconds(results.get(1).elapsed()));
        assertThat(server.hits("/health")).isEqualTo(1);
    }

    @Test
    void shouldGiveUpAtTheDeadlineWithoutSleepingForReal() {
        var clock = new SteppingClock(Instant.parse("2026-11-24T10:00:00Z"));
        var settings = new GateSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(10), 0, 1,
                StatusRange.SUCCESS, null);
        var closed = "http://127.0.0.1:" + ScriptedHttpServer.closedPort() + "/health";

        var results = new HealthGate(settings, events::add, SecretMask.none(), clock, clock::advance)
                .await(List.of(new GateTarget("web-1", closed)));

        assertThat(results.get(0).attempts()).isEqualTo(6);
        assertThat(results.get(0).elapsed()).isEqualTo(Duration.ofSeconds(10));
        assertThat(events.get(0).message()).isEqualTo(
                "waiting for 1 URL(s) to pass 1 time(s) in a row (deadline 10.0s, every 2.0s)");
    }

    /** A cancelled deploy interrupts the gate; it must stop as a deploy failure the deploy cleans up after. */
    @Test
    void shouldStopAsADeployFailureWhenInterruptedWhileConnecting() {
        server.on("/health", Reply.of(200, "{\"status\":\"ok\"}"));
        var gate = gate(settings(5, 1, Duration.ofSeconds(2)));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> gate.await(List.of(new GateTarget("web-1", server.url("/health")))))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessage("health gate interrupted; traffic was not switched");
        }
        finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        }
    }

    /** A clock that moves only when the gate "sleeps". */
    private static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(final Instant start) {
            this.now = start;
        }

        void advance(final Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }
    }
}
