package io.jenkins.plugins.bluegreen.engine.report;

/** How one deployment step ended, as the build page and the job's history show it. */
public enum Outcome {
    /** The release serves traffic (or its migrations are applied, or its health gate passed). */
    LIVE,
    /** Stopped before traffic moved: the block failed or the window closed; the old release still serves. */
    ABORTED,
    /** An older release serves again: by the rollback step, or by the watch after a bad switch. */
    ROLLED_BACK,
    /** The step failed; its message says where traffic was left. */
    FAILED
}
