package io.jenkins.plugins.bluegreen.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;
import io.jenkins.plugins.bluegreen.engine.testbed.MetricsEndpoint;
import io.jenkins.plugins.bluegreen.engine.testbed.PrometheusExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.PrometheusServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer.Reply;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The source against a real Prometheus scraping two apps, labelled color=green and color=blue, with
 * the queries of docs/traffic.md. Rates are extrapolated over the window, so counts are asserted
 * loosely; a ratio of two series scraped together is not.
 */
class PrometheusSourceTest {
    static final String ERROR_RATE = "sum(rate(http_requests_total{color=\"{{color}}\",code=~\"5..\"}[{{interval}}]))"
            + " / sum(rate(http_requests_total{color=\"{{color}}\"}[{{interval}}])) * 100";
    static final String P95 = "histogram_quantile(0.95, sum by (le) "
            + "(rate(http_request_duration_seconds_bucket{color=\"{{color}}\"}[{{interval}}])))";
    static final String REQUESTS = "sum(increase(http_requests_total{color=\"{{color}}\"}[{{interval}}]))";
    /** Every request counted since the server started: the test's whole run fits in this window. */
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final String KEY = "x-bluegreen/watch/traffic/prometheus/";

    @RegisterExtension
    static final PrometheusExtension PROMETHEUS = new PrometheusExtension();

    private static MetricsEndpoint green;
    private static MetricsEndpoint blue;
    private static PrometheusServer server;

    @BeforeAll
    static void serveAndScrape() {
        green = new MetricsEndpoint("200", "404", "500");
        blue = new MetricsEndpoint("200", "404", "500");
        server = PROMETHEUS.start(new PrometheusServer.Target(green.address(), Map.of("color", "green")),
                new PrometheusServer.Target(blue.address(), Map.of("color", "blue")));
        green.served("200", 90, Duration.ofMillis(300));
        green.served("500", 10, Duration.ofMillis(300));
        blue.served("200", 50, Duration.ofMillis(1500));
        blue.served("500", 50, Duration.ofMillis(1500));
        server.awaitValue("sum(http_requests_total{color=\"green\"})", 100);
        server.awaitValue("sum(http_requests_total{color=\"blue\"})", 100);
    }

    @AfterAll
    static void stopApps() {
        green.close();
        blue.close();
    }

    private static PrometheusSource source(final String color, final String url, final Optional<String> errorRate,
                                           final Optional<String> p95, final Optional<String> requests) {
        return new PrometheusSource(new WatchTraffic.Prometheus(url, Duration.ofSeconds(5), errorRate, p95, requests),
                new WatchedRelease("shop", color, "v2", 3002, List.of(), INTERVAL));
    }

    private static PrometheusSource source(final String color, final Optional<String> errorRate,
                                           final Optional<String> p95, final Optional<String> requests) {
        return source(color, server.url(), errorRate, p95, requests);
    }

    @Test
    void greensErrorRateLatencyAndRequestsComeFromItsOwnSeries() {
        try (var source = source("green", Optional.of(ERROR_RATE), Optional.of(P95), Optional.of(REQUESTS))) {
            source.check();
            source.start();
            var reading = source.read();

            assertThat(reading.ok()).as(reading.toString()).isTrue();
            assertThat(reading.measuredErrorPercent()).isBetween(5.0, 15.0);
            // histogram_quantile interpolates inside the bucket the requests fell in: 0.25 s to 0.5 s.
            assertThat(reading.measuredP95()).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
            assertThat(reading.requests()).isBetween(100L, 250L);
        }
    }

    @Test
    void bluesErrorsAreNotGreensAndTheOtherWayRound() {
        try (var source = source("blue", Optional.of(ERROR_RATE), Optional.of(P95), Optional.empty())) {
            var reading = source.read();

            assertThat(reading.ok()).as(reading.toString()).isTrue();
            assertThat(reading.measuredErrorPercent()).isBetween(40.0, 60.0);
            assertThat(reading.measuredP95()).isBetween(Duration.ofSeconds(1), Duration.ofMillis(2500));
            assertThat(reading.requests()).as("no requests query").isEqualTo(-1);
        }
    }

    @Test
    void aQueryThatMatchesNothingIsAFailedReadingNamingIt() {
        var query = "sum(rate(http_requests_total{color=\"{{color}}\",version=\"{{version}}\",code=~\"5..\"}[{{interval}}]))";
        try (var source = source("green", Optional.of(query), Optional.of(P95), Optional.empty())) {
            source.check();

            assertThat(source.read()).isEqualTo(Reading.failed("no data: queries.error_rate returned nothing for green:"
                    + " sum(rate(http_requests_total{color=\"green\",version=\"v2\",code=~\"5..\"}[5m]))"));
        }
    }

    @Test
    void aRatioOverNoRequestsIsNanAndSoNoData() {
        var notFound = "sum(rate(http_requests_total{color=\"{{color}}\",code=\"404\"}[{{interval}}]))";
        try (var source = source("green", Optional.of(notFound + " / " + notFound + " * 100"), Optional.empty(), Optional.empty())) {
            var reading = source.read();

            assertThat(reading.ok()).isFalse();
            assertThat(reading.problem()).startsWith("no data: queries.error_rate returned nothing for green: ");
        }
    }

    @Test
    void anErrorSeriesTheAppHasNotCreatedYetNeedsOrVectorZeroAsDocsTrafficSays() {
        var unavailable = "sum(rate(http_requests_total{color=\"{{color}}\",code=\"503\"}[{{interval}}]))";
        var all = "sum(rate(http_requests_total{color=\"{{color}}\"}[{{interval}}]))";
        try (var bare = source("green", Optional.of(unavailable + " / " + all + " * 100"), Optional.empty(), Optional.empty());
             var guarded = source("green", Optional.of("(" + unavailable + " or vector(0)) / " + all + " * 100"),
                     Optional.empty(), Optional.empty())) {
            assertThat(bare.read().problem()).startsWith("no data: queries.error_rate returned nothing for green: ");
            assertThat(guarded.read()).isEqualTo(Reading.measured(-1, 0.0, null));
        }
    }

    @Test
    void whenTheRequestsQueryCountsNoneTheIntervalHadNothingToMeasure() {
        var notFound = "sum(rate(http_requests_total{color=\"{{color}}\",code=\"404\"}[{{interval}}]))";
        var notFoundCount = "sum(increase(http_requests_total{color=\"{{color}}\",code=\"404\"}[{{interval}}]))";
        try (var source = source("green", Optional.of(notFound + " / " + notFound + " * 100"), Optional.empty(),
                Optional.of(notFoundCount))) {
            assertThat(source.countsRequests()).isTrue();
            assertThat(source.read()).isEqualTo(Reading.measured(0, null, null));
        }
    }

    @Test
    void checkNamesTheRejectedQueryWithPrometheusMessage() {
        try (var source = source("green", Optional.of(ERROR_RATE), Optional.of("histogram_quantile(0.95, sum by (le) ("),
                Optional.empty())) {
            assertThatThrownBy(source::check).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(KEY + "queries/p95_latency: Prometheus rejected the query: ")
                    .hasMessageContaining("parse error")
                    .hasMessageEndingWith("; query: histogram_quantile(0.95, sum by (le) (");
        }
    }

    @Test
    void checkNamesAQueryThatReturnsARangeVector() {
        try (var source = source("green", Optional.empty(), Optional.of(P95),
                Optional.of("http_requests_total{color=\"{{color}}\"}[{{interval}}]"))) {
            assertThatThrownBy(source::check).isInstanceOf(InvalidInputException.class)
                    .hasMessage(KEY + "queries/requests: the query returned a range vector (a matrix: one list of values"
                            + " per series); expected an instant vector or a scalar;"
                            + " query: http_requests_total{color=\"green\"}[5m]");
        }
    }

    @Test
    void checkNamesTheUrlOfAServerThatCannotBeReached() {
        var url = "http://127.0.0.1:" + ScriptedHttpServer.closedPort();
        try (var source = source("green", url, Optional.of(ERROR_RATE), Optional.empty(), Optional.empty())) {
            assertThatThrownBy(source::check).isInstanceOf(InvalidInputException.class)
                    .hasMessage(KEY + "url: cannot reach " + url + " (Connection refused);"
                            + " expected a Prometheus server's HTTP API");
        }
    }

    @Test
    void checkNamesTheUrlOfSomethingThatIsNotPrometheus() {
        try (var web = new ScriptedHttpServer().on("/api/v1/query", Reply.of(404, "not found"));
             var source = source("green", web.url(""), Optional.of(ERROR_RATE), Optional.empty(), Optional.empty())) {
            assertThatThrownBy(source::check).isInstanceOf(InvalidInputException.class)
                    .hasMessage(KEY + "url: " + web.url("/api/v1/query") + " answered HTTP 404 (application/json) with"
                            + " 'not found', not the JSON of Prometheus' HTTP API; expected a Prometheus server's HTTP API");
        }
    }

    @Test
    void aServerGoneAfterTheSwitchIsAFailedReadingNotAnException() {
        var url = "http://127.0.0.1:" + ScriptedHttpServer.closedPort();
        try (var source = source("green", url, Optional.of(ERROR_RATE), Optional.empty(), Optional.empty())) {
            assertThat(source.read()).isEqualTo(Reading.failed("queries.error_rate: cannot reach " + url
                    + " (Connection refused)"));
        }
    }
}
