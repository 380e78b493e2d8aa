package io.jenkins.plugins.bluegreen.steps;

import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.bluegreen.engine.notify.Notification;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Every deploy decision goes to two places: the build's record (its approval page) and the team's chat. */
final class Decisions {
    private Decisions() {}

    static void record(final StepContext context, final String kind, final String summary, final String user,
                       final String comment, final String ticket) throws IOException, InterruptedException {
        var run = context.get(Run.class);
        ApprovalAction.of(run).record(new DecisionRecord(DeployClock.now(), kind, summary, user, comment, ticket));
        Notifier.send(run, Notification.about(run.getFullDisplayName(), kind + ": " + summary,
                        GateExecution.approvalPage(run))
                .with("by", user).with("comment", comment).with("ticket", ticket));
    }

    /** The person who asked for the build ({@link EngineCall#requester}); {@code SYSTEM} when nobody did, so rules still have a name. */
    static String requester(final Run<?, ?> run) {
        var user = EngineCall.requester(run);
        return user == null ? ACL.SYSTEM_USERNAME : user;
    }
}
