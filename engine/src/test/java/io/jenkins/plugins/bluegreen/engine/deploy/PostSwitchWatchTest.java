package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.config.Gate;
import io.jenkins.plugins.bluegreen.engine.config.Watch;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.health.StatusRange;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer.Reply;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The watch after the switch against real HTTP servers answering from a script. */
class PostSwitchWatchTest {
    private static final Gate GATE = new Gate(List.of(new Gate.Path("/health", false)), Gate.Via.DIRECT,
            Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(10), 5, 1, StatusRange.SUCCESS,
            Optional.empty());

    private final List<Event> events = new ArrayList<>();

    private Optional<String> watch(final Watch watch, final ScriptedHttpServer server) throws InterruptedException {
        var timeline = new Timeline(events::add, SecretMask.none(), Map.of());
        return new PostSwitchWatch(watch, GATE, timeline).run(Map.of("web-1", URI.create(server.url("/"))));
    }

    private static Watch watch(final Duration duration, final Watch.ErrorRate errorRate, final Duration p95) {
        return Watch.of(duration, Duration.ofMillis(20), errorRate, p95, Duration.ZERO);
    }

    private static Watch.ErrorRate selfMeasured() {
        return new Watch.ErrorRate(Optional.empty(), Optional.empty(), 5);
    }

    @Test
    void shouldHoldWhenEveryAnswerIsHealthy() throws Exception {
        try (var server = new ScriptedHttpServer().on("/health", Reply.of(200, "{\"status\":\"ok\"}"))) {
            assertThat(watch(watch(Duration.ofMillis(500), selfMeasured(), Duration.ofSeconds(2)), server)).isEmpty();
            assertThat(events).last().extracting(Event::message).asString().startsWith("held for 0.50s");
        }
    }

    @Test
    void shouldFailWhenAPathFailsTwiceInARowButNotAfterOneBlip() throws Exception {
        try (var server = new ScriptedHttpServer().on("/health", Reply.of(200, "ok"), Reply.of(503, "blip"),
                Reply.of(200, "ok"), Reply.of(503, "down"), Reply.of(503, "down"))) {
            var breach = watch(watch(Duration.ofSeconds(5), new Watch.ErrorRate(Optional.empty(), Optional.empty(), 100),
                    Duration.ofSeconds(2)), server);
            assertThat(breach).contains("web-1: /health failed 2 times in a row after the switch (status 503)");
            assertThat(server.hits("/health")).isEqualTo(5);
        }
    }

    @Test
    void shouldFailWhenTheAppReportsAnErrorRateOverTheLimit() throws Exception {
        try (var server = new ScriptedHttpServer().on("/health", Reply.of(200, "ok"))
                .on("/metrics", Reply.of(200, "{\"error_rate\": 0.2}"), Reply.of(200, "{\"error_rate\": 7.5}"))) {
            var rate = new Watch.ErrorRate(Optional.of(server.url("/metrics")), Optional.of("error_rate"), 5);
            var breach = watch(watch(Duration.ofSeconds(5), rate, Duration.ofSeconds(2)), server);
            assertThat(breach).hasValueSatisfying(why -> assertThat(why)
                    .isEqualTo("error rate 7.50% over the limit of 5.0% (from " + server.url("/metrics") + ")"));
        }
    }

    @Test
    void shouldFailWhenTheP95LatencyOfItsOwnRequestsIsOverTheLimit() throws Exception {
        try (var server = new ScriptedHttpServer().on("/health", new Reply(200, "slow", Duration.ofMillis(60)))) {
            var breach = watch(watch(Duration.ofSeconds(10), selfMeasured(), Duration.ofMillis(30)), server);
            assertThat(breach).hasValueSatisfying(why -> assertThat(why).startsWith("p95 latency 0.")
                    .contains("over the limit of 0.03s (20 requests)"));
        }
    }
}
