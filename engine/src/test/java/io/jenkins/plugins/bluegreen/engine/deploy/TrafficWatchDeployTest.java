package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport.Verdict;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.testbed.FreePorts;
import io.jenkins.plugins.bluegreen.engine.testbed.LoadGenerator;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;
import io.jenkins.plugins.bluegreen.engine.testbed.PrometheusExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.PrometheusServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch judging the users' traffic end to end: real nginx on two hosts writing its JSON access
 * log while real requests to a business path flow through it, and a real Prometheus scraping the
 * apps' own metrics by color; a release that fails one checkout in ten while its {@code /health}
 * stays green, and one that fails two in a thousand.
 */
class TrafficWatchDeployTest {
    private static final int HOSTS = 2;
    /** Per host: 100 requests in a 2 s interval, well over min_requests. */
    private static final int RPS = 50;
    private static final TestImages.App FAILING_CHECKOUT = TestImages.failingCheckout(100);
    private static final TestImages.App RARELY_FAILING_CHECKOUT = TestImages.failingCheckout(2);

    @RegisterExtension
    static final TestBed BED = TestBed.hosts(HOSTS).withPodman();

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    @RegisterExtension
    final PrometheusExtension prometheus = new PrometheusExtension();

    @TempDir
    Path dir;

    private final List<DeployScenario> scenarios = new ArrayList<>();
    private final List<LoadGenerator> loads = new ArrayList<>();

    @BeforeAll
    static void images() {
        DeployScenario.loadImages(BED, TestImages.V1, FAILING_CHECKOUT, RARELY_FAILING_CHECKOUT);
    }

    @AfterEach
    void cleanUp() {
        loads.forEach(LoadGenerator::stop);
        scenarios.forEach(DeployScenario::removeContainers);
    }

    private DeployScenario scenario() {
        return scenario(log -> List.of("      nginx: {access_log: " + log + "}"));
    }

    /** @param sources the lines under {@code watch.traffic}, given the access log's path as the hosts see it */
    private DeployScenario scenario(final Function<String, List<String>> sources) {
        var s = DeployScenario.withAccessLog(BED, nginx, dir, NginxServer.AccessLog.JSON, log -> {
            var lines = new ArrayList<>(List.of("  watch:", "    duration: 8s", "    interval: 2s",
                    "    not_enough_traffic: pass", "    traffic:"));
            lines.addAll(sources.apply(log));
            return lines;
        });
        scenarios.add(s);
        return s;
    }

    /** Users buying things on every host, through its nginx. */
    private void checkoutTraffic(final DeployScenario s) {
        for (int i = 0; i < HOSTS; i++) {
            loads.add(LoadGenerator.start(s.publicUrl(i).resolve("/checkout"), RPS));
        }
    }

    @Test
    void shouldSwitchBackAReleaseThatFailsCheckoutsWhileItsHealthStaysGreen() {
        var s = scenario();
        s.deploy().run(DeployPlan.of("v1", "alice"));
        checkoutTraffic(s);

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of(FAILING_CHECKOUT.tag(), "bob")))
                .isInstanceOfSatisfying(DeployAbortedException.class, e -> {
                    assertThat(e.getMessage()).contains("rolled back automatically", "traffic is back on blue (v1)");
                    var watch = e.watch();
                    assertThat(watch.verdict()).isEqualTo(Verdict.ROLLED_BACK);
                    assertThat(watch.summary()).startsWith("nginx access log ").contains("2 intervals in a row",
                            "error rate 1");
                    var breaches = watch.series().get(0).points().stream()
                            .filter(p -> p.note().startsWith("breach")).toList();
                    assertThat(breaches).hasSize(2).allSatisfy(p -> {
                        assertThat(p.requests()).isGreaterThanOrEqualTo(20);
                        assertThat(p.errorPercent()).isBetween(7.0, 13.0);
                    });
                });

        for (int i = 0; i < HOSTS; i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v1");
            var ledger = s.ledger(i);
            assertThat(ledger.history().get(ledger.history().size() - 1).action())
                    .isEqualTo(HistoryEntry.Action.ROLLBACK);
        }
        assertThat(s.events).anyMatch(e -> e.message().contains("breach 2/2: error rate"));
    }

    @Test
    void shouldKeepAReleaseThatFailsTwoCheckoutsInAThousandAndCallItHealthy() {
        var s = scenario();
        s.deploy().run(DeployPlan.of("v1", "alice"));
        checkoutTraffic(s);

        var result = s.deploy().run(DeployPlan.of(RARELY_FAILING_CHECKOUT.tag(), "bob"));

        assertThat(result.outcome()).isEqualTo(DeployResult.Outcome.LIVE);
        assertThat(result.watch().verdict()).isEqualTo(Verdict.HEALTHY);
        var series = result.watch().series().get(0);
        assertThat(series.errorPercent()).isLessThan(0.5);
        assertThat(series.points()).extracting(WatchReport.Point::requests).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(result.watch().summary()).startsWith("healthy after 8.00s: nginx access log ");
        for (int i = 0; i < HOSTS; i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v2");
        }
    }

    @Test
    void shouldSwitchBackAReleaseWhoseCheckoutErrorsPrometheusCounts() {
        // Prometheus runs on the first host, beside the apps, scraping each color's own /metrics.
        int port = FreePorts.loopback();
        var url = "http://" + BED.address(0) + ":" + port;
        var checkouts = "http_requests_total{color=\"{{color}}\",path=\"/checkout\"";
        var s = scenario(log -> List.of(
                "      prometheus:",
                "        url: " + url,
                "        queries:",
                "          error_rate: '100 * (sum(rate(" + checkouts + ",code=~\"5..\"}[5s])) or vector(0))"
                        + " / sum(rate(" + checkouts + "}[5s]))'",
                "          requests: 'sum(increase(" + checkouts + "}[{{interval}}]))'"));
        var ports = s.config.config().extension().ports();
        prometheus.startOnHost(BED, 0, port,
                new PrometheusServer.Target("127.0.0.1:" + ports.blue(), Map.of("color", "blue")),
                new PrometheusServer.Target("127.0.0.1:" + ports.green(), Map.of("color", "green")));
        s.deploy().run(DeployPlan.of("v1", "alice"));
        checkoutTraffic(s);

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of(FAILING_CHECKOUT.tag(), "bob")))
                .isInstanceOfSatisfying(DeployAbortedException.class, e -> {
                    assertThat(e.getMessage()).contains("rolled back automatically", "traffic is back on blue (v1)");
                    assertThat(e.watch().summary()).startsWith("Prometheus " + url + ": ");
                    assertThat(e.watch().series().get(0).points()).filteredOn(p -> p.note().startsWith("breach"))
                            .isNotEmpty().last().satisfies(p -> assertThat(p.errorPercent()).isBetween(5.0, 15.0));
                });
        for (int i = 0; i < HOSTS; i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v1");
        }
    }

    @Test
    void shouldRefuseBeforeAnythingBootsWhenPrometheusCannotBeReached() {
        var url = "http://127.0.0.1:" + FreePorts.loopback();
        var s = scenario(log -> List.of("      prometheus:", "        url: " + url,
                "        queries: {error_rate: 'sum(rate(http_requests_total[1m]))'}"));

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of("v1", "alice")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("x-bluegreen/watch/traffic/prometheus/url: cannot reach " + url
                        + " (Connection refused); expected a Prometheus server's HTTP API");
        assertNothingMoved(s);
    }

    @Test
    void shouldRefuseBeforeAnythingBootsWhenPrometheusRejectsAQuery() {
        int port = FreePorts.loopback();
        var url = "http://" + BED.address(0) + ":" + port;
        prometheus.startOnHost(BED, 0, port);
        var s = scenario(log -> List.of("      prometheus:", "        url: " + url,
                "        queries: {error_rate: 'sum(rate(http_requests_total{color=\"{{color}}\"}[1m])'}"));

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of("v1", "alice")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("x-bluegreen/watch/traffic/prometheus/queries/error_rate: Prometheus rejected"
                        + " the query: ")
                .hasMessageEndingWith("; query: sum(rate(http_requests_total{color=\"blue\"}[1m])");
        assertNothingMoved(s);
    }

    @Test
    void shouldRefuseBeforeAnythingBootsWhenTheAccessLogLacksTheFieldsItNeeds() {
        var s = DeployScenario.withAccessLog(BED, nginx, dir, NginxServer.AccessLog.COMBINED, log -> List.of(
                "  watch:", "    duration: 8s", "    traffic:", "      nginx: {access_log: " + log + "}"));
        scenarios.add(s);
        // A user's request before the deploy: nginx logs it, in its own format.
        DeployScenario.get(s.publicUrl(0));

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of("v1", "alice")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x-bluegreen/watch/traffic/nginx/access_log: the last line of ")
                .hasMessageContaining(" on " + BED.host(0) + " is not a JSON object, so it lacks status, request_time,"
                        + " upstream_addr; found: ");
        assertNothingMoved(s);
    }

    /** No container started, no gate, no switch, no lock left. */
    private static void assertNothingMoved(final DeployScenario s) {
        for (int i = 0; i < HOSTS; i++) {
            assertThat(s.running(i)).isEmpty();
            assertThat(s.lock(i)).isEmpty();
        }
        assertThat(s.events).noneMatch(e -> e.phase() == Phase.GATE || e.phase() == Phase.SWITCH);
    }
}
