package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport.Verdict;
import io.jenkins.plugins.bluegreen.engine.config.Gate;
import io.jenkins.plugins.bluegreen.engine.config.Watch;
import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.health.StatusRange;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer.Reply;
import io.jenkins.plugins.bluegreen.engine.watch.ProbeSource;
import io.jenkins.plugins.bluegreen.engine.watch.Reading;
import io.jenkins.plugins.bluegreen.engine.watch.TrafficSource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The watch after the switch: its own probes against real HTTP servers answering from a script,
 * and its rules (breaches in a row, too little traffic, the healthy bar) against readings a test
 * source hands it interval by interval.
 */
class PostSwitchWatchTest {
    private static final Gate GATE = new Gate(List.of(new Gate.Path("/health", false)), Gate.Via.DIRECT,
            Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(10), 5, 1, StatusRange.SUCCESS,
            Optional.empty());
    private static final Duration INTERVAL = Duration.ofMillis(20);

    private final List<Event> events = new ArrayList<>();

    private WatchReport watch(final Watch watch, final TrafficSource source) throws InterruptedException {
        var timeline = new Timeline(events::add, SecretMask.none(), Map.of());
        try (var watching = new PostSwitchWatch(watch, List.of(source), timeline)) {
            watching.check();
            return watching.run();
        }
    }

    private WatchReport probing(final Watch watch, final ScriptedHttpServer server) throws InterruptedException {
        return watch(watch, new ProbeSource(GATE, watch.errorRate(), Map.of("web-1", URI.create(server.url("/")))));
    }

    private static Watch watch(final Duration duration, final Watch.ErrorRate errorRate, final Duration p95) {
        return Watch.of(duration, INTERVAL, errorRate, p95, Duration.ZERO);
    }

    private static Watch.ErrorRate selfMeasured() {
        return new Watch.ErrorRate(Optional.empty(), Optional.empty(), 5);
    }

    /** Seed defaults, a 20 ms interval, and {@code minRequests}/{@code rule} for too little traffic. */
    private static Watch rules(final Duration duration, final int minRequests, final Watch.NotEnoughTraffic rule,
                               final Duration maxExtension) {
        return new Watch(duration, INTERVAL, selfMeasured(), Duration.ofSeconds(2), Duration.ZERO,
                Watch.Healthy.DEFAULT, 2, minRequests, rule, maxExtension, WatchTraffic.NONE);
    }

    @Test
    void shouldCallAReleaseHealthyWhenEveryAnswerIsHealthy() throws Exception {
        try (var server = new ScriptedHttpServer().on("/health", Reply.of(200, "{\"status\":\"ok\"}"))) {
            var report = probing(watch(Duration.ofMillis(500), selfMeasured(), Duration.ofSeconds(2)), server);
            assertThat(report.verdict()).isEqualTo(Verdict.HEALTHY);
            assertThat(report.summary()).startsWith("healthy after 0.50s: the watch's own requests")
                    .contains("error rate 0.00%");
            assertThat(events).last().extracting(Event::message).isEqualTo(report.summary());
            assertThat(report.series()).singleElement().satisfies(s -> assertThat(s.points()).hasSizeGreaterThan(5));
        }
    }

    @Test
    void shouldRollBackWhenAPathFailsTwiceInARowButNotAfterOneBlip() throws Exception {
        try (var server = new ScriptedHttpServer().on("/health", Reply.of(200, "ok"), Reply.of(503, "blip"),
                Reply.of(200, "ok"), Reply.of(503, "down"), Reply.of(503, "down"))) {
            var report = probing(watch(Duration.ofSeconds(5), selfMeasured(), Duration.ofSeconds(2)), server);
            assertThat(report.verdict()).isEqualTo(Verdict.ROLLED_BACK);
            assertThat(report.summary()).startsWith("the watch's own requests")
                    .contains("2 intervals in a row over the limits (error rate 100.00% > 5.00% (web-1 /health: status 503)");
            assertThat(server.hits("/health")).isEqualTo(5);
            assertThat(report.series().get(0).points()).extracting(WatchReport.Point::note)
                    .containsExactly("", "breach 1/2: error rate 100.00% > 5.00% (web-1 /health: status 503)", "",
                            "breach 1/2: error rate 100.00% > 5.00% (web-1 /health: status 503)",
                            "breach 2/2: error rate 100.00% > 5.00% (web-1 /health: status 503)");
        }
    }

    @Test
    void shouldRollBackWhenTheAppReportsAnErrorRateOverTheLimit() throws Exception {
        try (var server = new ScriptedHttpServer().on("/health", Reply.of(200, "ok"))
                .on("/metrics", Reply.of(200, "{\"error_rate\": 0.2}"), Reply.of(200, "{\"error_rate\": 7.5}"))) {
            var rate = new Watch.ErrorRate(Optional.of(server.url("/metrics")), Optional.of("error_rate"), 5);
            var report = probing(watch(Duration.ofSeconds(5), rate, Duration.ofSeconds(2)), server);
            assertThat(report.verdict()).isEqualTo(Verdict.ROLLED_BACK);
            assertThat(report.summary()).contains("error rate 7.50% > 5.00%");
            assertThat(report.series().get(0).points()).extracting(WatchReport.Point::errorPercent)
                    .containsExactly(0.2, 7.5, 7.5);
        }
    }

    @Test
    void shouldRollBackWhenTheP95LatencyOfItsOwnRequestsIsOverTheLimit() throws Exception {
        try (var server = new ScriptedHttpServer().on("/health", new Reply(200, "slow", Duration.ofMillis(60)))) {
            var report = probing(watch(Duration.ofSeconds(10), selfMeasured(), Duration.ofMillis(30)), server);
            assertThat(report.verdict()).isEqualTo(Verdict.ROLLED_BACK);
            assertThat(report.summary()).contains("p95 0.0").contains(" > 0.03s");
        }
    }

    @Test
    void shouldAddUpIntervalsWithTooFewRequestsBeforeJudging() throws Exception {
        var source = new Readings(true, Reading.counted(0, ms(10, 1)), Reading.counted(0, ms(10, 1)),
                Reading.counted(1, ms(25, 1)));
        var report = watch(rules(Duration.ofMillis(50), 20, Watch.NotEnoughTraffic.EXTEND, Duration.ZERO), source);
        var points = report.series().get(0).points();
        assertThat(points).extracting(WatchReport.Point::requests).startsWith(10L, 20L, 25L);
        assertThat(points.get(0).note()).isEqualTo("not judged yet: 10 request(s), fewer than 20");
        assertThat(points.get(1).note()).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.HELD);
        assertThat(report.summary()).contains("error rate 2.22% > 0.50%");
    }

    @Test
    void shouldKeepAReleaseNobodyUsedWhenToldToExtendOrPassButRollBackWhenToldToFail() throws Exception {
        for (var rule : Watch.NotEnoughTraffic.values()) {
            var report = watch(rules(Duration.ofMillis(40), 20, rule, Duration.ofMillis(40)),
                    new Readings(true, Reading.counted(0, ms(1, 1))));
            assertThat(report.summary()).as(rule.name()).startsWith("not enough traffic to judge: test source never saw 20");
            assertThat(report.verdict()).as(rule.name())
                    .isEqualTo(rule == Watch.NotEnoughTraffic.FAIL ? Verdict.ROLLED_BACK : Verdict.NOT_JUDGED);
            var intervals = report.series().get(0).points().size();
            if (rule == Watch.NotEnoughTraffic.EXTEND) {
                assertThat(intervals).as("watched past the duration").isGreaterThanOrEqualTo(4);
            }
        }
    }

    @Test
    void shouldCountAReadingThatCouldNotBeTakenAsABreach() throws Exception {
        var report = watch(rules(Duration.ofSeconds(5), 1, Watch.NotEnoughTraffic.EXTEND, Duration.ZERO),
                new Readings(false, Reading.failed("no data: queries.error_rate returned nothing for green")));
        assertThat(report.verdict()).isEqualTo(Verdict.ROLLED_BACK);
        assertThat(report.summary()).isEqualTo("test source: 2 intervals in a row over the limits"
                + " (no data: queries.error_rate returned nothing for green; no data: queries.error_rate returned nothing for green)");
    }

    @Test
    void shouldJudgeMeasuredFiguresByTheirWorstInterval() throws Exception {
        var report = watch(rules(Duration.ofMillis(60), 1, Watch.NotEnoughTraffic.EXTEND, Duration.ZERO),
                new Readings(false, Reading.measured(-1, 0.1, Duration.ofMillis(100)),
                        Reading.measured(-1, 0.3, Duration.ofMillis(300)), Reading.measured(-1, 0.2, Duration.ofMillis(200))));
        assertThat(report.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(report.series().get(0).errorPercent()).isEqualTo(0.3);
        assertThat(report.series().get(0).p95Millis()).isEqualTo(300L);
        assertThat(report.summary()).contains("error rate 0.30%, p95 0.30s in its worst interval");
    }

    private static long[] ms(final int count, final long millis) {
        var latencies = new long[count];
        java.util.Arrays.fill(latencies, millis);
        return latencies;
    }

    /** Hands the watch the given readings in turn, then the last one again. */
    private static final class Readings implements TrafficSource {
        private final boolean countsRequests;
        private final ArrayDeque<Reading> readings;
        private Reading last;

        Readings(final boolean countsRequests, final Reading... readings) {
            this.countsRequests = countsRequests;
            this.readings = new ArrayDeque<>(List.of(readings));
        }

        @Override
        public String describe() {
            return "test source";
        }

        @Override
        public void check() {
        }

        @Override
        public Reading read() {
            last = readings.isEmpty() ? last : readings.poll();
            return last;
        }

        @Override
        public boolean countsRequests() {
            return countsRequests;
        }
    }
}
