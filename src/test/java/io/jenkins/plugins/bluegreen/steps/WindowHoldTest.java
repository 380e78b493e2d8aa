package io.jenkins.plugins.bluegreen.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.config.DeploymentPolicyConfiguration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
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
 * Deploys under the default policy (Tue-Thu 10:00-14:00 UTC) with the clock fixed on a Friday
 * afternoon: held, waiting without a thread, going on when the clock reaches the opening, and
 * hotfixes that on-call lets through or refuses.
 */
@WithJenkins
class WindowHoldTest {
    static final Instant FRIDAY_AFTERNOON = Instant.parse("2026-12-04T15:00:00Z");
    static final Instant TUESDAY_OPENING = Instant.parse("2026-12-08T10:00:00Z");

    private JenkinsRule r;

    @BeforeEach
    void setUp(final JenkinsRule rule) throws Exception {
        r = rule;
        ScriptedEngine.reset();
        SystemCredentialsProvider.getInstance().getCredentials().add(new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL,
                "deploy-key", "deploy", new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource("not a real key"), null,
                "deploy hosts"));
        SystemCredentialsProvider.getInstance().save();
        BlueGreenConfiguration.get().setSshCredentialsId("deploy-key");
        BlueGreenConfiguration.get().setKnownHosts("web-1.internal ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB4s");
        DeploymentPolicyConfiguration.get().setWindows(null);
        DeploymentPolicyConfiguration.get().setOnCallGroup("platform-oncall");
        Team.signIn(r, "platform-oncall", "carol", "alice");
        FixedClock.at(FRIDAY_AFTERNOON);
    }

    @AfterEach
    void tearDown() {
        DeployClock.reset();
    }

    private WorkflowRun startAsAlice(final String script) throws Exception {
        return Team.start(r, "alice", script);
    }

    @Test
    void shouldWaitWithoutAnExecutorAndGoOnWhenTheWindowOpens() throws Exception {
        var build = startAsAlice("""
                def w = deploymentWindow destination: 'production', wait: true
                echo "open ${w.open} by ${w.rule}"
                """);
        r.waitForMessage("Friday afternoon freeze", build);
        r.waitForMessage("opens 2026-12-08T10:00:00Z", build);

        Thread.sleep(300);
        assertThat(build.isBuilding()).isTrue();
        assertThat(r.jenkins.toComputer().countBusy()).isZero();
        assertThat(build.getAction(ApprovalAction.class).getRecords()).extracting(DecisionRecord::getKind).contains("window");

        FixedClock.at(TUESDAY_OPENING);

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        r.assertLogContains("open true by standard window", build);
    }

    @Test
    void shouldAnswerAtOnceWithoutWait() throws Exception {
        var build = startAsAlice("""
                def w = deploymentWindow destination: 'production'
                echo "open ${w.open}, next ${w.nextOpen}, because ${w.reason}"
                """);

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        r.assertLogContains("open false, next 2026-12-08T10:00:00Z, because", build);
    }

    @Test
    void shouldStopAsNotBuiltThroughRetryWhenToldToFail() throws Exception {
        var build = startAsAlice("retry(3) { node { blueGreenDeploy destination: 'production', version: 'v2', onHeld: 'fail' } }");

        r.assertBuildStatus(Result.NOT_BUILT, r.waitForCompletion(build));
        r.assertLogContains("Deployment window closed by 'Friday afternoon freeze'", build);
        assertThat(ScriptedEngine.CALLS).isEmpty();
        assertThat(build.getAction(ApprovalAction.class).getRecords()).hasSize(1);
    }

    @Test
    void shouldDeployWhenTheWindowOpensWhileHeld() throws Exception {
        var build = startAsAlice("node { runMigrations destination: 'production', version: 'v2' }");
        r.waitForMessage("waiting, and going on by itself when the window opens", build);
        assertThat(ScriptedEngine.CALLS).isEmpty();

        FixedClock.at(TUESDAY_OPENING);

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        assertThat(ScriptedEngine.CALLS).containsExactly("migrate v2");
    }

    @Test
    void shouldDeployAHotfixOnceSomeoneElseOnCallApproved() throws Exception {
        var build = startAsAlice(
                "node { blueGreenDeploy destination: 'production', version: 'v2', hotfix: true, reason: 'INC-4711' }");
        r.waitForMessage("[approval] answer on", build);
        var page = new ApprovalPage(r, build);

        assertThat(page.proceed("alice", "approving my own hotfix")).isEqualTo(403);
        assertThat(ScriptedEngine.CALLS).isEmpty();
        assertThat(page.proceed("carol", "go")).isEqualTo(200);

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        assertThat(ScriptedEngine.CALLS).containsExactly("stage v2", "promote v2");
        r.assertLogContains("overridden by a hotfix from alice: INC-4711", build);
        assertThat(build.getAction(ApprovalAction.class).getRecords())
                .extracting(DecisionRecord::getKind, DecisionRecord::getUser)
                .contains(tuple("hotfix requested", "alice"),
                        tuple("approval", "carol"),
                        tuple("hotfix", "alice"));
    }

    private WorkflowRun startedBy(final Cause cause, final String script) throws Exception {
        var job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job.scheduleBuild2(0, new CauseAction(cause)).waitForStart();
    }

    /** core's Cause.UpstreamCause keeps what started the upstream build: alice asked, through another build. */
    @Test
    void shouldKnowWhoAskedThroughTheBuildThatStartedThisOne() throws Exception {
        var release = r.waitForCompletion(startAsAlice("echo 'release pipeline'"));
        var build = startedBy(new Cause.UpstreamCause(release),
                "node { blueGreenDeploy destination: 'production', version: 'v2', hotfix: true, reason: 'INC-4711' }");
        r.waitForMessage("[approval] answer on", build);
        var page = new ApprovalPage(r, build);

        assertThat(page.proceed("alice", "approving my own hotfix")).isEqualTo(403);
        assertThat(page.proceed("carol", "go")).isEqualTo(200);

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        r.assertLogContains("overridden by a hotfix from alice: INC-4711", build);
    }

    /** A remote trigger names nobody, so nobody can be kept from approving their own hotfix: two must agree. */
    @Test
    void shouldNeedTwoOnCallApprovalsWhenNobodyKnownAsked() throws Exception {
        var build = startedBy(new Cause.RemoteCause("ci.example", "nightly hotfix"),
                "node { blueGreenDeploy destination: 'production', version: 'v2', hotfix: true, reason: 'INC-4711' }");
        r.waitForMessage("[approval] answer on", build);
        var page = new ApprovalPage(r, build);

        assertThat(page.proceed("carol", "go")).isEqualTo(200);
        Thread.sleep(300);
        assertThat(build.isBuilding()).isTrue();
        assertThat(ScriptedEngine.CALLS).isEmpty();
        assertThat(page.proceed("alice", "agreed")).isEqualTo(200);

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        assertThat(ScriptedEngine.CALLS).containsExactly("stage v2", "promote v2");
    }

    @Test
    void shouldStopAHotfixOnCallRefused() throws Exception {
        var build = startAsAlice(
                "node { blueGreenDeploy destination: 'production', version: 'v2', hotfix: true, reason: 'INC-4711' }");
        r.waitForMessage("[approval] answer on", build);

        assertThat(new ApprovalPage(r, build).abort("carol", "wait for Tuesday")).isEqualTo(200);

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));
        assertThat(ScriptedEngine.CALLS).isEmpty();
    }

    @Test
    void shouldRefuseAHotfixWithoutAReason() throws Exception {
        var build = startAsAlice("node { blueGreenDeploy destination: 'production', version: 'v2', hotfix: true }");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(build));
        r.assertLogContains("blueGreenDeploy: hotfix override by alice: reason is empty", build);
        assertThat(ScriptedEngine.CALLS).isEmpty();
    }

    @Test
    void shouldLetOnCallProceedAsHotfixWhileHeld() throws Exception {
        var build = startAsAlice("node { blueGreenDeploy destination: 'production', version: 'v2' }");
        r.waitForMessage("waiting, and going on by itself when the window opens", build);

        assertThat(new ApprovalPage(r, build).proceed("carol", "INC-4712 checkout down")).isEqualTo(200);

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        assertThat(ScriptedEngine.CALLS).containsExactly("stage v2", "promote v2");
        r.assertLogContains("overridden by a hotfix from carol: INC-4712 checkout down", build);
    }

    @Test
    void shouldTellTheTeamWhyADeployWasHeld() throws Exception {
        var posts = new LinkedBlockingQueue<String>();
        var chat = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        chat.createContext("/hook", exchange -> {
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        chat.start();
        try {
            // System scope, as the admin guide says: no pipeline can read it, and Jenkins itself still finds it.
            SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM,
                    "chat-webhook", "team chat", Secret.fromString("http://127.0.0.1:" + chat.getAddress().getPort() + "/hook")));
            BlueGreenConfiguration.get().setNotificationCredentialsId("chat-webhook");

            var build = startAsAlice("node { blueGreenDeploy destination: 'production', version: 'v2', onHeld: 'fail' }");
            r.assertBuildStatus(Result.NOT_BUILT, r.waitForCompletion(build));

            assertThat(posts.poll(10, TimeUnit.SECONDS)).startsWith("{\"text\":")
                    .contains("Friday afternoon freeze").contains("by: alice").doesNotContain("/hook");
        }
        finally {
            chat.stop(0);
        }
    }

    /**
     * An approval (web thread) or a timer may hand the step more work while a deploy stages. In
     * workflow-step-api's GeneralNonBlockingStepExecution.run the shorter call cleared the longer
     * one's thread and future, so a restart no longer waited for the deploy and a stop could not
     * interrupt it. The later work now waits for the deploy.
     */
    @Test
    void shouldKeepAStagingDeployRestartSafeAndStoppableWhenMoreWorkArrives() throws Exception {
        DeploymentPolicyConfiguration.get().setWindows("destinations:\n  staging: unrestricted\n");
        ScriptedEngine.stageLastsUntil = new CountDownLatch(1);
        var build = startAsAlice("node { blueGreenDeploy destination: 'staging', version: 'v2' }");
        while (!ScriptedEngine.CALLS.contains("stage v2")) {
            Thread.sleep(50);
        }
        var execution = (GateExecution) build.getExecution().getCurrentExecutions(true).get().stream()
                .filter(GateExecution.class::isInstance).findFirst().orElseThrow();

        var moreWork = new CountDownLatch(1);
        execution.inBackground(moreWork::countDown);

        assertThat(moreWork.await(500, TimeUnit.MILLISECONDS)).as("waits for the deploy").isFalse();
        assertThat(execution.blocksRestart()).isTrue();
        build.getOneOffExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));
        assertThat(ScriptedEngine.CALLS).containsExactly("stage v2");
    }

    /** The engine's WorkspaceFile rule, reached through the agent call the step makes. */
    @Test
    void shouldRefuseAWindowConfigOutsideTheWorkspace() throws Exception {
        var build = startAsAlice("node { deploymentWindow destination: 'production', configFile: '../../secrets/deploy.yml' }");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(build));
        r.assertLogContains("deploymentWindow: configFile: expected a path inside the workspace such as config/deploy.yml,"
                + " got '../../secrets/deploy.yml' which climbs out of it with '..'", build);
    }

    @Test
    void shouldNeverHoldARollback() throws Exception {
        var build = startAsAlice("node { rollback destination: 'production', toVersion: 'v1' }");

        r.waitForCompletion(build);
        assertThat(ScriptedEngine.CALLS).containsExactly("rollback v1");
        r.assertLogNotContains("deployment window", build);
    }
}
