package io.jenkins.plugins.bluegreen.steps;

import hudson.model.Run;
import io.jenkins.plugins.bluegreen.engine.report.Attempt;
import io.jenkins.plugins.bluegreen.engine.report.DeploymentRecord;
import io.jenkins.plugins.bluegreen.history.DeploymentAction;
import java.io.IOException;
import java.util.function.Function;

/**
 * Every way a deployment step ends goes to two places: the build's "Deployments" record and,
 * when it changed what users see (live, rolled back, failed), the team's chat.
 */
final class DeploymentLedger {
    private DeploymentLedger() {}

    /** The step about to call the engine, for the user who started the build. */
    static Attempt attempt(final Run<?, ?> run, final String step, final String destination, final String version) {
        return new Attempt(step, destination, version, EngineCall.requester(run), DeployClock.now());
    }

    /** Runs the engine call and records how it ended: {@code ended} on success, the failure's message otherwise. */
    static <T> T track(final Run<?, ?> run, final Attempt attempt, final Function<T, DeploymentRecord> ended,
                       final EngineCall.Work<T> work) throws IOException, InterruptedException {
        var result = trackFailure(run, attempt, work);
        add(run, ended.apply(result));
        return result;
    }

    /**
     * Runs an engine call whose success is only a step on the way (staging), recording it only if it
     * fails; a deploy that failed the watch is recorded with what the watch saw.
     */
    static <T> T trackFailure(final Run<?, ?> run, final Attempt attempt, final EngineCall.Work<T> work)
            throws IOException, InterruptedException {
        try {
            return work.run();
        }
        catch (IOException e) {
            // the build fails with this message already; an interrupted (aborted) build is not a deploy failure
            add(run, attempt.failed(e.getMessage(), e instanceof FailedTheWatch failed ? failed.watch() : null));
            throw e;
        }
    }

    private static void add(final Run<?, ?> run, final DeploymentRecord record) throws IOException {
        DeploymentAction.of(run).add(record);
        record.notification(run.getFullDisplayName(), Notifier.buildPage(run))
                .ifPresent(message -> Notifier.send(run, message));
    }
}
