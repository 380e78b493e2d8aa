package io.jenkins.plugins.bluegreen.engine.report;

import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.api.GateOutcome;
import io.jenkins.plugins.bluegreen.engine.api.MigrationOutcome;
import io.jenkins.plugins.bluegreen.engine.api.StagedRelease;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployAbortedException;
import java.time.Instant;
import java.util.List;

/**
 * One call of a deployment step, known before it ends: which step, to where, which release, for
 * whom. Each way it can end turns it into a {@link DeploymentRecord}.
 *
 * @param destination where it deploys, or {@code null} for a health gate
 * @param version the release asked for, or {@code null} when the engine chooses (a rollback to the previous release)
 * @param user who started the build, or {@code null} for a timer or an SCM change
 * @param at when the engine call began (a deploy with a block: when the switch began)
 */
public record Attempt(String step, String destination, String version, String user, Instant at) {
    /** A release now serves traffic on a color. */
    public DeploymentRecord live(final DeployOutcome outcome) {
        return new DeploymentRecord(this, Outcome.LIVE, shown(outcome));
    }

    /** An older release serves again, by the rollback step. */
    public DeploymentRecord rolledBack(final DeployOutcome outcome) {
        return new DeploymentRecord(this, Outcome.ROLLED_BACK, shown(outcome));
    }

    /** A staged release was stopped before traffic moved to it. */
    public DeploymentRecord aborted(final StagedRelease staged, final String why) {
        return new DeploymentRecord(this, Outcome.ABORTED, new DeploymentRecord.Shown(staged.request().version(),
                staged.liveVersion(), staged.idleColor(), staged.hosts(), PhaseTime.timeline(staged.phases()), List.of(),
                why, null));
    }

    /** A release's migrations ran: the schema before and after, and how many were applied. */
    public DeploymentRecord migrated(final MigrationOutcome outcome) {
        var applied = outcome.applied() == null ? "migrations applied: unknown"
                : outcome.applied() == 0 ? "nothing to apply"
                : "applied " + outcome.applied() + (outcome.applied() == 1 ? " migration" : " migrations");
        var detail = "schema " + outcome.schemaBefore() + " -> " + outcome.schemaAfter() + "; " + applied
                + " in " + PhaseTime.human(outcome.duration().toMillis());
        return new DeploymentRecord(this, Outcome.LIVE, new DeploymentRecord.Shown(outcome.version(), null, null,
                List.of(), List.of(), List.of(), detail, null));
    }

    /** Every URL of a health gate answered healthy often enough in a row. */
    public DeploymentRecord passed(final GateOutcome outcome) {
        var health = outcome.urls().stream().map(url -> url + " healthy").toList();
        var detail = outcome.polls() + " polls in " + PhaseTime.human(outcome.duration().toMillis());
        return new DeploymentRecord(this, Outcome.LIVE, new DeploymentRecord.Shown(null, null, null, List.of(), List.of(),
                health, detail, null));
    }

    /** The step failed with this (masked, one-line) message, and no watch ran. */
    public DeploymentRecord failed(final String message) {
        return failed(message, null);
    }

    /**
     * The step failed with this (masked, one-line) message after the watch saw what it reports
     * ({@code null} when none ran). A deploy the watch rolled back is a rollback, not a bare failure:
     * the previous release serves again and the page should say so, with the figures that sent it back.
     * Only the message tells: the watch's verdict is what it decided, and when switching back failed
     * on a host the new release still serves there.
     */
    public DeploymentRecord failed(final String message, final WatchReport watch) {
        var byTheWatch = message != null && message.contains(DeployAbortedException.ROLLED_BACK_AUTOMATICALLY);
        return new DeploymentRecord(this, byTheWatch ? Outcome.ROLLED_BACK : Outcome.FAILED,
                new DeploymentRecord.Shown(null, null, null, List.of(), List.of(), List.of(), message, watch));
    }

    private static DeploymentRecord.Shown shown(final DeployOutcome outcome) {
        return new DeploymentRecord.Shown(outcome.version(), outcome.previousVersion(), outcome.color(), outcome.hosts(),
                PhaseTime.timeline(outcome.phases()), List.of(), null, outcome.watch());
    }
}
