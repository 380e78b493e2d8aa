package io.jenkins.plugins.bluegreen.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import hudson.ProxyConfiguration;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.config.DeploymentPolicyConfiguration;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.report.DeploymentRecord;
import io.jenkins.plugins.bluegreen.engine.report.Outcome;
import io.jenkins.plugins.bluegreen.engine.report.PhaseTime;
import io.jenkins.plugins.bluegreen.engine.report.WatchSummary;
import io.jenkins.plugins.bluegreen.history.DeploymentAction;
import io.jenkins.plugins.bluegreen.history.DeploymentHistoryAction;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What a build records about its deployment steps, what the build page and the job's "Deployments"
 * page show of it, and what the team's chat is told, with an engine that touches no host.
 */
@WithJenkins
class DeploymentRecordPipelineTest {
    /** Open for staging, frozen for production every day, so tests do not depend on today's date. */
    private static final String OPEN_FOR_STAGING = """
            zone: UTC
            deny:
              - name: change freeze
                days: [mon, tue, wed, thu, fri, sat, sun]
            destinations:
              staging: unrestricted
            """;

    private JenkinsRule r;
    private WorkflowJob job;
    private HttpServer chat;
    private final BlockingQueue<String> posts = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp(final JenkinsRule rule) throws Exception {
        r = rule;
        ScriptedEngine.reset();
        SystemCredentialsProvider.getInstance().getCredentials().add(new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL,
                "deploy-key", "deploy", new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource("not a real key"), null,
                "deploy hosts"));
        chat = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        chat.createContext("/hook", exchange -> {
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        chat.start();
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "chat-webhook", "team chat", Secret.fromString("http://127.0.0.1:" + chat.getAddress().getPort() + "/hook")));
        SystemCredentialsProvider.getInstance().save();
        BlueGreenConfiguration.get().setSshCredentialsId("deploy-key");
        BlueGreenConfiguration.get().setKnownHosts("web-1.internal ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB4s");
        BlueGreenConfiguration.get().setNotificationCredentialsId("chat-webhook");
        DeploymentPolicyConfiguration.get().setWindows(OPEN_FOR_STAGING);
        job = r.createProject(WorkflowJob.class, "shop-deploy");
    }

    @AfterEach
    void tearDown() {
        chat.stop(0);
    }

    private WorkflowRun runAsAlice(final Result expected, final String script) throws Exception {
        job.setDefinition(new CpsFlowDefinition(script, true));
        var build = job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).get();
        r.assertBuildStatus(expected, build);
        return build;
    }

    @Test
    void shouldRecordWhatADeployPutWhere() throws Exception {
        var build = runAsAlice(Result.SUCCESS, "node { blueGreenDeploy destination: 'staging', version: 'v2' }");

        var records = build.getAction(DeploymentAction.class).getRecords();
        assertThat(records).hasSize(1);
        var record = records.get(0);
        assertThat(record).extracting(DeploymentRecord::getStep, DeploymentRecord::getDestination,
                        DeploymentRecord::getVersion, DeploymentRecord::getPreviousVersion, DeploymentRecord::getColor,
                        DeploymentRecord::getOutcome, DeploymentRecord::getUser)
                .containsExactly("blueGreenDeploy", "staging", "v2", "v1", "green", Outcome.LIVE, "alice");
        assertThat(record.getHosts()).containsExactly("web-1.internal");
        assertThat(record.getTimeline()).extracting(PhaseTime::toString).containsExactly("+0 ms switch 7 ms");
    }

    @Test
    void shouldKeepTheRecordWhenTheBuildIsLoadedAgain() throws Exception {
        var build = runAsAlice(Result.SUCCESS, "node { blueGreenDeploy destination: 'staging', version: 'v2' }");

        build.reload();

        assertThat(build.getAction(DeploymentAction.class).getRecords()).extracting(DeploymentRecord::toString)
                .containsExactly("blueGreenDeploy v2 to staging (green): LIVE");
    }

    @Test
    void shouldTellTheChatWhatWentLiveWithTheBuildLink() throws Exception {
        var build = runAsAlice(Result.SUCCESS, "node { blueGreenDeploy destination: 'staging', version: 'v2' }");

        assertThat(posts.poll(10, TimeUnit.SECONDS)).startsWith("{\"text\":")
                .contains("shop-deploy #1: v2 is live on staging (green)")
                .contains("hosts: web-1.internal").contains("by: alice")
                .contains(build.getUrl()).doesNotContain("/hook");
    }

    @Test
    void shouldPostThroughJenkinsProxyWithItsLogin() throws Exception {
        var proxied = new LinkedBlockingQueue<String>();
        var proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", exchange -> {
            var login = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
            if (login == null) {
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"office\"");
                exchange.sendResponseHeaders(407, -1);
            }
            else {
                proxied.add(login + " " + exchange.getRequestURI() + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        proxy.start();
        try {
            r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.getAddress().getPort(), "proxy-user",
                    "proxy-pass"));

            runAsAlice(Result.SUCCESS, "node { blueGreenDeploy destination: 'staging', version: 'v2' }");

            var login = Base64.getEncoder()
                    .encodeToString("proxy-user:proxy-pass".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(proxied.poll(10, TimeUnit.SECONDS))
                    .startsWith("Basic " + login + " http://127.0.0.1:" + chat.getAddress().getPort() + "/hook ")
                    .contains("v2 is live on staging");
            assertThat(posts).as("nothing went around the proxy").isEmpty();
        }
        finally {
            proxy.stop(0);
        }
    }

    @Test
    void shouldShowTheRecordOnTheBuildPageAndItsDetailsPage() throws Exception {
        var build = runAsAlice(Result.SUCCESS, "node { blueGreenDeploy destination: 'staging', version: 'v2' }");
        var web = r.createWebClient();

        assertThat(web.getPage(build).asNormalizedText()).contains("Deployments")
                .contains("blueGreenDeploy v2 to staging (green): LIVE");
        assertThat(web.getPage(build, "deployments/").asNormalizedText()).contains("blueGreenDeploy v2 to staging (green): LIVE")
                .contains("web-1.internal").contains("switch").contains("7 ms").contains("alice");
    }

    @Test
    void shouldShowWhatTheWatchSawOfAReleaseThatStayed() throws Exception {
        ScriptedEngine.watch = watched(WatchReport.Verdict.HEALTHY, "error rate 0.13%, p95 180 ms over 30 s", "", "");

        var build = runAsAlice(Result.SUCCESS, "node { blueGreenDeploy destination: 'staging', version: 'v2' }");

        var record = build.getAction(DeploymentAction.class).getRecords().get(0);
        assertThat(record.getWatch().getLine()).isEqualTo("HEALTHY: error rate 0.13%, p95 180 ms over 30 s");
        assertThat(record.getWatch().getPoints()).extracting(WatchSummary.Point::getErrorRate)
                .containsExactly("0.1%", "0.2%", "0.1%");
        var web = r.createWebClient();
        assertThat(web.getPage(build).asNormalizedText())
                .contains("Watch: HEALTHY: error rate 0.13%, p95 180 ms over 30 s");
        var details = web.getPage(build, "deployments/");
        assertThat(details.asNormalizedText()).contains("Watch after the switch").contains("nginx <access> log")
                .contains("+20 s").contains("0.2%").contains("180 ms");
        assertThat(details.getWebResponse().getContentAsString())
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("roll back over 5%")
                .contains("nginx &lt;access&gt; log").doesNotContain("nginx <access> log");
        assertThat(posts.poll(10, TimeUnit.SECONDS)).contains("v2 is live on staging (green)")
                .contains("watch: HEALTHY: error rate 0.13%, p95 180 ms over 30 s")
                .contains("requests 120, 98, 131; error rate 0.1%, 0.2%, 0.1% (limit 5%, 2 in a row)");
    }

    @Test
    void shouldRecordTheFiguresOfADeployTheWatchSentBack() throws Exception {
        ScriptedEngine.watch = watched(WatchReport.Verdict.ROLLED_BACK, "error rate over 5% for 2 intervals in a row",
                "breach 1/2: error rate 12.00% > 5%", "breach 2/2: error rate 11.00% > 5%");
        ScriptedEngine.watchSwitchesBack = true;

        var build = runAsAlice(Result.FAILURE, "node { blueGreenDeploy destination: 'staging', version: 'v2' }");

        r.assertLogContains("blueGreenDeploy failed: v2 was rolled back automatically", build);
        var record = build.getAction(DeploymentAction.class).getRecords().get(0);
        assertThat(record.getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(record.getWatch().getPoints()).extracting(WatchSummary.Point::getNote)
                .containsExactly("", "breach 1/2: error rate 12.00% > 5%", "breach 2/2: error rate 11.00% > 5%");
        assertThat(r.createWebClient().getPage(build, "deployments/").asNormalizedText())
                .contains("ROLLED_BACK: error rate over 5% for 2 intervals in a row")
                .contains("breach 2/2: error rate 11.00% > 5%");
        assertThat(posts.poll(10, TimeUnit.SECONDS)).contains("v2 on staging was rolled back")
                .contains("error rate 0.1%, 12%, 11% (limit 5%, 2 in a row)");

        build.reload();

        assertThat(build.getAction(DeploymentAction.class).getRecords().get(0).getWatch().getLine())
                .isEqualTo("ROLLED_BACK: error rate over 5% for 2 intervals in a row");
    }

    /** Three 10-second intervals of one access log; the last two error rates are the 2nd and 3rd given. */
    private static WatchReport watched(final WatchReport.Verdict verdict, final String summary, final String secondNote,
                                       final String thirdNote) {
        boolean bad = verdict == WatchReport.Verdict.ROLLED_BACK;
        return new WatchReport(verdict, summary, new WatchReport.Limits(5, 2000, 0.5, 800, 2), List.of(
                new WatchReport.Series("nginx <access> log", List.of(
                        new WatchReport.Point(10_000, 120, 0.1, 170L, ""),
                        new WatchReport.Point(20_000, 98, bad ? 12.0 : 0.2, 180L, secondNote),
                        new WatchReport.Point(30_000, 131, bad ? 11.0 : 0.1, 185L, thirdNote)), null, null)));
    }

    @Test
    void shouldListTheJobsDeploymentsNewestFirst() throws Exception {
        runAsAlice(Result.SUCCESS, """
                node {
                    runMigrations destination: 'staging', version: 'v2'
                    blueGreenDeploy destination: 'staging', version: 'v2'
                }
                """);
        var second = runAsAlice(Result.FAILURE, "node { blueGreenDeployWithSmokeTests(destination: 'staging', version: 'v3') { error 'smoke' } }");

        var rows = job.getAction(DeploymentHistoryAction.class).getRows();
        assertThat(rows).extracting(row -> row.getRun().getNumber() + " " + row.getRecord())
                .containsExactly("2 blueGreenDeploy v3 to staging (green): ABORTED",
                        "1 blueGreenDeploy v2 to staging (green): LIVE", "1 runMigrations v2 to staging: LIVE");
        assertThat(r.createWebClient().getPage(job, "deployments/").asNormalizedText())
                .contains(second.getDisplayName()).contains("v3").contains("ABORTED").contains("runMigrations");
    }

    @Test
    void shouldRecordAnAbortWithWhyButKeepItOffTheChat() throws Exception {
        var build = runAsAlice(Result.FAILURE,
                "node { blueGreenDeployWithSmokeTests(destination: 'staging', version: 'v2') { error 'smoke tests failed' } }");

        var record = build.getAction(DeploymentAction.class).getRecords().get(0);
        assertThat(record.getOutcome()).isEqualTo(Outcome.ABORTED);
        assertThat(record.getDetail()).isEqualTo("the smoke tests failed: smoke tests failed");
        assertThat(posts.poll(2, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void shouldRecordAFailedRollbackAndTellTheChat() throws Exception {
        var build = runAsAlice(Result.FAILURE, "node { rollback destination: 'staging', toVersion: 'v0' }");

        var record = build.getAction(DeploymentAction.class).getRecords().get(0);
        assertThat(record).extracting(DeploymentRecord::getStep, DeploymentRecord::getVersion, DeploymentRecord::getOutcome)
                .containsExactly("rollback", "v0", Outcome.FAILED);
        assertThat(record.getDetail()).contains("no release v0 in the history of web-1.internal; traffic stays on v2");
        assertThat(posts.poll(10, TimeUnit.SECONDS)).contains("rollback of v0 to staging failed")
                .contains("traffic stays on v2");
    }
}
