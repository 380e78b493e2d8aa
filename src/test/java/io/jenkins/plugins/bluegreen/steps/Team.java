package io.jenkins.plugins.bluegreen.steps;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.security.FullControlOnceLoggedInAuthorizationStrategy;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The people of the pipeline tests: users who sign in as members of one group (the approvers, the
 * on-call rota) and start builds under their own name, as gates and hotfix overrides judge them.
 */
final class Team {
    private Team() {
    }

    /** Lets {@code members} sign in as members of {@code group}; a signed-in user may do anything else. */
    static void signIn(final JenkinsRule r, final String group, final String... members) {
        var realm = r.createDummySecurityRealm();
        for (String member : members) {
            realm.addGroups(member, group);
        }
        r.jenkins.setSecurityRealm(realm);
        r.jenkins.setAuthorizationStrategy(new FullControlOnceLoggedInAuthorizationStrategy());
    }

    /** Starts {@code script} in a new pipeline job, as started by {@code user}, and returns once it runs. */
    static WorkflowRun start(final JenkinsRule r, final String user, final String script) throws Exception {
        var job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause(user))).waitForStart();
    }
}
