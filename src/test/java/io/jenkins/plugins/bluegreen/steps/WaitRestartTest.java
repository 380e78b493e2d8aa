package io.jenkins.plugins.bluegreen.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import io.jenkins.plugins.bluegreen.config.DeploymentPolicyConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A build may wait for days (for the window, for approvers); a controller restart in between must
 * neither lose the wait nor its state: the timer is re-armed and answers given before the restart
 * still count.
 */
class WaitRestartTest {
    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @AfterEach
    void tearDown() {
        DeployClock.reset();
    }

    private static WorkflowJob job(final JenkinsRule r, final String script) throws Exception {
        var job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    @Test
    void shouldGoOnAfterARestartWhenTheWindowOpens() throws Throwable {
        FixedClock.at(WindowHoldTest.FRIDAY_AFTERNOON);
        sessions.then(r -> {
            DeploymentPolicyConfiguration.get().setWindows(null);
            var build = job(r, """
                    def w = deploymentWindow destination: 'production', wait: true
                    echo "open ${w.open}"
                    """).scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting, and going on by itself when the window opens", build);
        });
        sessions.then(r -> {
            var build = r.jenkins.getItemByFullName("deploy", WorkflowJob.class).getBuildByNumber(1);
            assertThat(build.isBuilding()).isTrue();

            FixedClock.at(WindowHoldTest.TUESDAY_OPENING);

            r.assertBuildStatusSuccess(r.waitForCompletion(build));
            r.assertLogContains("open true", build);
        });
    }

    @Test
    void shouldKeepApprovalsGivenBeforeARestart() throws Throwable {
        sessions.then(r -> {
            Team.signIn(r, "release", "bob", "carol");
            var build = job(r, """
                    def ok = deploymentApproval approvers: 'release', required: 2
                    echo "approved by ${ok.approvals.collect { it.user }}"
                    """).scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).waitForStart();
            r.waitForMessage("[approval] answer on", build);
            assertThat(new ApprovalPage(r, build).proceed("bob", "before the restart")).isEqualTo(200);
        });
        sessions.then(r -> {
            Team.signIn(r, "release", "bob", "carol");
            var build = r.jenkins.getItemByFullName("deploy", WorkflowJob.class).getBuildByNumber(1);

            assertThat(new ApprovalPage(r, build).proceed("carol", "after the restart")).isEqualTo(200);

            r.assertBuildStatusSuccess(r.waitForCompletion(build));
            r.assertLogContains("approved by [bob, carol]", build);
            assertThat(build.getAction(ApprovalAction.class).getRecords())
                    .extracting(DecisionRecord::getUser).contains("bob", "carol");
        });
    }
}
