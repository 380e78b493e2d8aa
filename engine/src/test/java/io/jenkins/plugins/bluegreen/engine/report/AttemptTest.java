package io.jenkins.plugins.bluegreen.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.api.DeployRequest;
import io.jenkins.plugins.bluegreen.engine.api.GateOutcome;
import io.jenkins.plugins.bluegreen.engine.api.GateSettings;
import io.jenkins.plugins.bluegreen.engine.api.MigrationOutcome;
import io.jenkins.plugins.bluegreen.engine.api.StagedRelease;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptTest {
    private static final Instant AT = Instant.parse("2026-12-08T10:15:00Z");
    private static final Attempt DEPLOY = new Attempt("blueGreenDeploy", "production", "v2", "alice", AT);
    private static final DeployOutcome LIVE_ON_GREEN = new DeployOutcome("v2", "v1", "green",
            List.of("web-1.internal", "web-2.internal"), Map.of(Phase.BOOT, Duration.ofMillis(1_500), Phase.SWITCH,
            Duration.ofMillis(30)), Duration.ofMillis(4));

    @Test
    void shouldRecordWhatWentLiveWhereWithItsTimeline() {
        var record = DEPLOY.live(LIVE_ON_GREEN);

        assertThat(record.getOutcome()).isEqualTo(Outcome.LIVE);
        assertThat(record).extracting(DeploymentRecord::getStep, DeploymentRecord::getDestination,
                        DeploymentRecord::getVersion, DeploymentRecord::getPreviousVersion, DeploymentRecord::getColor,
                        DeploymentRecord::getUser, DeploymentRecord::getAt)
                .containsExactly("blueGreenDeploy", "production", "v2", "v1", "green", "alice", "2026-12-08T10:15:00Z");
        assertThat(record.getHosts()).containsExactly("web-1.internal", "web-2.internal");
        assertThat(record.getSummary()).isEqualTo("blueGreenDeploy v2 to production (green): LIVE");
        assertThat(record.getTimeline()).extracting(PhaseTime::toString)
                .containsExactly("+0 ms boot 1.5 s", "+1.5 s switch 30 ms");
    }

    @Test
    void shouldTellTheTeamWhatWentLiveWithTheBuildLink() {
        var text = DEPLOY.live(LIVE_ON_GREEN).notification("shop-deploy #42", "http://jenkins/job/shop-deploy/42/")
                .orElseThrow().text();

        assertThat(text).isEqualTo("""
                shop-deploy #42: v2 is live on production (green)
                destination: production
                version: v2
                previous: v1
                color: green
                hosts: web-1.internal, web-2.internal
                by: alice
                http://jenkins/job/shop-deploy/42/""");
    }

    @Test
    void shouldKeepWhatTheWatchSawOfAReleaseThatStayed() {
        var record = DEPLOY.live(watched(WatchReports.healthy()));

        var watch = record.getWatch();
        assertThat(watch.getLine()).isEqualTo("HEALTHY: error rate 0.2%, p95 180 ms over 30 s");
        assertThat(watch.getLimits()).isEqualTo("roll back at error rate over 5% or p95 over 2000 ms, 2 in a row;"
                + " healthy at error rate up to 0.5% and p95 up to 800 ms");
        assertThat(watch.getSources()).extracting(WatchSummary.Source::getName)
                .containsExactly("nginx /var/log/nginx/access.log", "prometheus http://127.0.0.1:9090");
        assertThat(watch.getPoints()).extracting(WatchSummary.Point::toString).containsExactly(
                "nginx /var/log/nginx/access.log +10 s: 120 requests, error rate 0.1%, p95 170 ms",
                "nginx /var/log/nginx/access.log +20 s: 98 requests, error rate 0.25%, p95 180 ms",
                "nginx /var/log/nginx/access.log +30 s: 131 requests, error rate 0.2%, p95 185 ms",
                "prometheus http://127.0.0.1:9090 +10 s: uncounted requests, error rate 0.15%, p95 160 ms",
                "prometheus http://127.0.0.1:9090 +20 s: uncounted requests, error rate -, p95 - (no data: connection refused)",
                "prometheus http://127.0.0.1:9090 +30 s: uncounted requests, error rate 0.2%, p95 175 ms");
        assertThat(record.getWatchChart()).startsWith("<svg ").endsWith("</svg>");
    }

    @Test
    void shouldTellTheTeamTheWatchsVerdictAndEachSourcesIntervals() {
        var text = DEPLOY.live(watched(WatchReports.healthy())).notification("shop-deploy #42", null).orElseThrow().text();

        assertThat(text).startsWith("shop-deploy #42: v2 is live on production (green)").endsWith("""
                by: alice
                watch: HEALTHY: error rate 0.2%, p95 180 ms over 30 s
                nginx /var/log/nginx/access.log: requests 120, 98, 131; error rate 0.1%, 0.25%, 0.2% (limit 5%, 2 in a row); \
                p95 170, 180, 185 ms (limit 2000 ms)
                prometheus http://127.0.0.1:9090: error rate 0.15%, -, 0.2% (limit 5%, 2 in a row); \
                p95 160, -, 175 ms (limit 2000 ms)""");
    }

    @Test
    void shouldKeepTheFiguresThatSentADeployBackAndTellTheTeam() {
        var record = DEPLOY.failed("v2 was rolled back automatically: error rate over 5% for 2 intervals in a row;"
                + " traffic is back on blue (v1) everywhere", WatchReports.rolledBack("nginx access log"));

        assertThat(record.getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(record.getWatch().getPoints()).extracting(WatchSummary.Point::getNote)
                .containsExactly("", "breach 1/2: error rate 12.00% > 5%", "breach 2/2: error rate 11.00% > 5%");
        assertThat(record.notification("s", null).orElseThrow().text())
                .startsWith("s: v2 on production was rolled back")
                .contains("\nwatch: ROLLED_BACK: error rate over 5% for 2 intervals in a row\n")
                .endsWith("\nnginx access log: requests 120, 98, 131; error rate 0.1%, 12%, 11% (limit 5%, 2 in a row);"
                        + " p95 95, 140, 150 ms (limit 2000 ms)");
    }

    @Test
    void shouldCallItAFailureWithTheFiguresWhenSwitchingBackFailedOnAHost() {
        var record = DEPLOY.failed("v2 failed the watch (error rate over 5% for 2 intervals in a row) and could not be"
                + " switched back on web-2.internal; those hosts still serve v2 on green",
                WatchReports.rolledBack("nginx access log"));

        assertThat(record.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.getWatch().getVerdict()).isEqualTo("ROLLED_BACK");
        assertThat(record.notification("s", null).orElseThrow().text()).startsWith("s: blueGreenDeploy of v2 to production failed")
                .contains("\nwatch: ROLLED_BACK: error rate over 5% for 2 intervals in a row\n");
    }

    @Test
    void shouldShowNoWatchWhereNoneRan() {
        var record = DEPLOY.live(LIVE_ON_GREEN);

        assertThat(record.getWatch()).isNull();
        assertThat(record.getWatchChart()).isNull();
        assertThat(record.notification("s", null).orElseThrow().text()).doesNotContain("watch");
        assertThat(DEPLOY.failed("web-2.internal: boot timed out").getWatch()).isNull();
    }

    @Test
    void shouldDrawNoChartForAWatchThatEndedBeforeItsFirstInterval() {
        var none = new WatchReport(WatchReport.Verdict.NOT_JUDGED, "no interval ended", WatchReports.LIMITS, List.of());

        var record = DEPLOY.live(watched(none));

        assertThat(record.getWatch().getLine()).isEqualTo("NOT_JUDGED: no interval ended");
        assertThat(record.getWatchChart()).isNull();
    }

    private static DeployOutcome watched(final WatchReport watch) {
        return new DeployOutcome(LIVE_ON_GREEN.version(), LIVE_ON_GREEN.previousVersion(), LIVE_ON_GREEN.color(),
                LIVE_ON_GREEN.hosts(), LIVE_ON_GREEN.phases(), LIVE_ON_GREEN.switchSkew(), watch);
    }

    @Test
    void shouldRecordARollbackByTheStepAsTheReleaseThatServesAgain() {
        var rollback = new Attempt("rollback", "production", null, "bob", AT);

        var record = rollback.rolledBack(new DeployOutcome("v1", "v2", "blue", List.of("web-1.internal"), Map.of(), null));

        assertThat(record.getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(record.getVersion()).isEqualTo("v1");
        assertThat(record.notification("s", null).orElseThrow().headline())
                .isEqualTo("production rolled back: v1 serves again");
    }

    @Test
    void shouldTakeADeployTheWatchSwitchedBackForARollbackNotAPlainFailure() {
        var record = DEPLOY.failed("v2 was rolled back automatically: error rate 12% over 5%; traffic is back on blue (v1)"
                + " everywhere");

        assertThat(record.getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(record.getVersion()).isEqualTo("v2");
        assertThat(record.notification("s", null).orElseThrow().text())
                .startsWith("s: v2 on production was rolled back").contains("why: v2 was rolled back automatically");
    }

    @Test
    void shouldRecordAFailureWithItsMessageAndTellTheTeam() {
        var record = DEPLOY.failed("web-2.internal: boot timed out; traffic stays on blue (v1)");

        assertThat(record.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.getDetail()).isEqualTo("web-2.internal: boot timed out; traffic stays on blue (v1)");
        assertThat(record.notification("s", null).orElseThrow().headline())
                .isEqualTo("blueGreenDeploy of v2 to production failed");
    }

    @Test
    void shouldRecordAnAbortWithTheStagedColorButKeepItOffTheChat() {
        var request = new DeployRequest("config/deploy.yml", "production", "v2", "alice", false, null,
                GateSettings.DEFAULTS);
        var staged = new StagedRelease(request, "green", "v1", List.of("web-1.internal"),
                Map.of(Phase.BOOT, Duration.ofMillis(5)));

        var record = DEPLOY.aborted(staged, "the block failed: smoke tests failed");

        assertThat(record).extracting(DeploymentRecord::getOutcome, DeploymentRecord::getVersion,
                        DeploymentRecord::getPreviousVersion, DeploymentRecord::getColor, DeploymentRecord::getDetail)
                .containsExactly(Outcome.ABORTED, "v2", "v1", "green", "the block failed: smoke tests failed");
        assertThat(record.notification("s", null)).isEmpty();
    }

    @Test
    void shouldSayWhatAMigrationChangedWithoutTellingTheChat() {
        var record = new Attempt("runMigrations", "production", "v2", null, AT)
                .migrated(new MigrationOutcome("v2", "1", "3", 2, Duration.ofMillis(850)));

        assertThat(record.getOutcome()).isEqualTo(Outcome.LIVE);
        assertThat(record.getDetail()).isEqualTo("schema 1 -> 3; applied 2 migrations in 850 ms");
        assertThat(record.notification("s", null)).isEmpty();
    }

    @Test
    void shouldListEachHealthyUrlOfAGate() {
        var record = new Attempt("healthGate", null, null, "alice", AT).passed(new GateOutcome(
                List.of(URI.create("http://127.0.0.1:8080/health"), URI.create("http://127.0.0.1:8080/health/ready")), 6,
                Duration.ofMillis(2_500)));

        assertThat(record.getHealth()).containsExactly("http://127.0.0.1:8080/health healthy",
                "http://127.0.0.1:8080/health/ready healthy");
        assertThat(record.getDetail()).isEqualTo("6 polls in 2.5 s");
        assertThat(record.notification("s", null)).isEmpty();
    }

    @Test
    void shouldNameAFailedGateWithoutADestination() {
        var record = new Attempt("healthGate", null, null, null, AT).failed("http://127.0.0.1:8080/health: 503");

        assertThat(record.notification("s", null).orElseThrow().headline()).isEqualTo("healthGate failed");
        assertThat(record.getSummary()).isEqualTo("healthGate: FAILED");
    }
}
