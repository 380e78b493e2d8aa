package io.jenkins.plugins.bluegreen.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.bluegreen.config.DeploymentPolicyConfiguration;
import java.time.Duration;
import java.time.Instant;
import org.htmlunit.FailingHttpStatusCodeException;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** deploymentApproval in real pipelines, answered through the build's approval page by signed-in users. */
@WithJenkins
class ApprovalStepTest {
    private static final Instant OPENED = Instant.parse("2026-12-08T10:30:00Z");

    private JenkinsRule r;

    @BeforeEach
    void setUp(final JenkinsRule rule) {
        r = rule;
        Team.signIn(r, "release", "bob", "carol", "alice");
        FixedClock.at(OPENED);
    }

    @AfterEach
    void tearDown() {
        DeployClock.reset();
    }

    private WorkflowRun startAsAlice(final String script) throws Exception {
        var build = Team.start(r, "alice", script);
        r.waitForMessage("[approval] answer on", build);
        return build;
    }

    @Test
    void shouldGoOnOnlyAfterTwoDifferentApprovers() throws Exception {
        var build = startAsAlice("""
                def ok = deploymentApproval message: 'Ship 1.4.2?', approvers: 'release', required: 2
                echo "status ${ok.status}, approved by ${ok.approvals.collect { it.user }}"
                """);
        var page = new ApprovalPage(r, build);

        assertThat(page.proceed("bob", "looks good")).isEqualTo(200);
        assertThat(page.proceed("bob", "again")).isEqualTo(403);
        assertThat(build.isBuilding()).isTrue();
        assertThat(page.proceed("carol", "ok from QA")).isEqualTo(200);

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        r.assertLogContains("status APPROVED, approved by [bob, carol]", build);
    }

    @Test
    void shouldRefuseTheRequesterUnlessAllowed() throws Exception {
        var build = startAsAlice("deploymentApproval approvers: 'release'");
        var page = new ApprovalPage(r, build);

        assertThat(page.proceed("alice", "my own")).isEqualTo(403);
        assertThat(build.isBuilding()).isTrue();
        assertThat(page.proceed("bob", null)).isEqualTo(200);
        r.assertBuildStatusSuccess(r.waitForCompletion(build));

        var allowed = startAsAlice("deploymentApproval approvers: 'release', allowRequester: true");
        assertThat(new ApprovalPage(r, allowed).proceed("alice", "my own, allowed")).isEqualTo(200);
        r.assertBuildStatusSuccess(r.waitForCompletion(allowed));
    }

    @Test
    void shouldKnowPeopleWhateverCaseTheySignInWithAsTheSecurityRealmDoes() throws Exception {
        var build = startAsAlice("deploymentApproval approvers: 'ALICE, Bob'");
        var page = new ApprovalPage(r, build);

        assertThat(page.proceed("ALICE", "my own, in capitals")).as("still the requester").isEqualTo(403);
        assertThat(build.isBuilding()).isTrue();
        assertThat(page.proceed("bob", null)).as("listed as Bob").isEqualTo(200);
        r.assertBuildStatusSuccess(r.waitForCompletion(build));
    }

    @Test
    void shouldRefuseSomeoneWhoIsNoApprover() throws Exception {
        var build = startAsAlice("deploymentApproval approvers: 'bob'");

        assertThat(new ApprovalPage(r, build).proceed("carol", null)).isEqualTo(403);
        assertThat(build.isBuilding()).isTrue();
        build.doStop();
        r.waitForCompletion(build);
    }

    /** The admins' floor for a destination holds whatever the Jenkinsfile asks: their approvers, their count, no self-approval. */
    @Test
    void shouldHoldAnApprovalForADestinationToTheAdminsFloor() throws Exception {
        DeploymentPolicyConfiguration.get().setApprovalFloors("production:\n  approvers: [group:release]\n  required: 2\n");
        var build = startAsAlice("deploymentApproval destination: 'production', approvers: 'user:alice', required: 1,"
                + " allowRequester: true, onTimeout: 'approve'");
        var page = new ApprovalPage(r, build);

        assertThat(page.proceed("alice", "my own")).isEqualTo(403);
        assertThat(page.proceed("bob", "ok")).isEqualTo(200);
        assertThat(build.isBuilding()).as("one of two").isTrue();
        assertThat(page.proceed("carol", "ok")).isEqualTo(200);

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        build.reload();
        assertThat(ApprovalAction.approvedDestinations(build)).as("kept in build.xml").containsExactly("production");
    }

    /** Where people pick their own ids, an account named like the approvers' group must not become an approver. */
    @Test
    void shouldTellAGroupFromAUserOfTheSameName() throws Exception {
        var build = startAsAlice("deploymentApproval approvers: 'group:release'");
        var page = new ApprovalPage(r, build);

        assertThat(page.proceed("release", "I am the release group")).isEqualTo(403);
        assertThat(build.isBuilding()).isTrue();
        assertThat(page.proceed("bob", null)).as("a member of the group").isEqualTo(200);
        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        r.assertLogNotContains("[deploymentApproval] warning", build);
    }

    @Test
    void shouldWarnAboutABareApproverName() throws Exception {
        var build = startAsAlice("deploymentApproval approvers: 'release'");

        r.assertLogContains("[deploymentApproval] warning: approvers: release match a user or a group of that name;"
                + " expected user:<id> or group:<name>, e.g. group:release", build);
        assertThat(new ApprovalPage(r, build).proceed("bob", null)).isEqualTo(200);
        r.assertBuildStatusSuccess(r.waitForCompletion(build));
    }

    @Test
    void shouldStopAsAbortedWhenAnApproverAborts() throws Exception {
        var build = startAsAlice("deploymentApproval approvers: 'release'");

        assertThat(new ApprovalPage(r, build).abort("bob", "not during the sale")).isEqualTo(200);

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));
        r.assertLogContains("rejected by bob: not during the sale", build);
    }

    @Test
    void shouldRejectWhenNobodyAnswersInTime() throws Exception {
        var build = startAsAlice("deploymentApproval approvers: 'release', timeoutMinutes: 30");

        FixedClock.at(OPENED.plus(Duration.ofMinutes(31)));

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));
        r.assertLogContains("timed out at 2026-12-08T11:00:00Z, rejected by timeout", build);
    }

    @Test
    void shouldApproveWhenNobodyAnswersInTimeAndTheOutcomeSaysSo() throws Exception {
        var build = startAsAlice("""
                def ok = deploymentApproval approvers: 'release', timeoutMinutes: 30, onTimeout: 'approve'
                echo "status ${ok.status}"
                """);

        FixedClock.at(OPENED.plus(Duration.ofMinutes(31)));

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        r.assertLogContains("status TIMED_OUT", build);
    }

    @Test
    void shouldRecordWhoApprovedWhenWithWhatCommentAndTicket() throws Exception {
        var build = startAsAlice("deploymentApproval approvers: 'release', commentRequired: true, ticketRequired: true");
        var page = new ApprovalPage(r, build);

        assertThat(page.answer("bob", "proceed", null, "CHG-1")).isEqualTo(403);
        assertThat(page.answer("bob", "proceed", "checked the dashboards", "CHG-1")).isEqualTo(200);
        r.assertBuildStatusSuccess(r.waitForCompletion(build));

        var approval = build.getAction(ApprovalAction.class).getRecords().stream()
                .filter(d -> d.getKind().equals("approval")).findFirst().orElseThrow();
        assertThat(approval.getUser()).isEqualTo("bob");
        assertThat(approval.getComment()).isEqualTo("checked the dashboards");
        assertThat(approval.getTicket()).isEqualTo("CHG-1");
        assertThat(approval.getAt()).isEqualTo(OPENED.toString());
    }

    @Test
    void shouldAcceptAnswersOnlyByPost() throws Exception {
        var build = startAsAlice("deploymentApproval approvers: 'release'");
        try (var wc = r.createWebClient()) {
            wc.login("bob");
            var status = 0;
            try {
                wc.goTo(build.getUrl() + ApprovalAction.URL_NAME + "/proceed?id=" + new ApprovalPage(r, build).waitingGateId());
            }
            catch (FailingHttpStatusCodeException e) {
                status = e.getStatusCode();
            }
            assertThat(status).isEqualTo(405);
        }
        assertThat(build.isBuilding()).isTrue();
        build.doStop();
        r.waitForCompletion(build);
    }

    @Test
    void shouldEndWithOneLineForAMistypedTimeoutOutcome() throws Exception {
        var job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("deploymentApproval onTimeout: 'maybe'", true));

        var build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("deploymentApproval: onTimeout: expected 'reject' (the build stops as aborted) or 'approve'"
                + " (it goes on without answers), got 'maybe'", build);
        r.assertLogNotContains("InvalidInputException", build);
    }
}
