package io.jenkins.plugins.bluegreen.steps;

import hudson.AbortException;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport;

/**
 * A deploy that failed the watch after the switch (switched back, or not everywhere): a build
 * failure like any {@link AbortException} (one line, no stack trace), carrying what the watch saw
 * from {@link EngineCall} to the {@link DeploymentLedger}, so the build's record and the chat show
 * the figures.
 */
final class FailedTheWatch extends AbortException {
    private static final long serialVersionUID = 1L;

    /**
     * Transient: needed only on the way from the engine call to the ledger. The build keeps the
     * failure itself (workflow-api's {@code ErrorAction} writes it with XStream), and the record
     * already holds the figures.
     */
    private final transient WatchReport watch;

    FailedTheWatch(final String message, final WatchReport watch) {
        super(message);
        this.watch = watch;
    }

    /** What the watch saw, or {@code null} once this failure was read back from the build. */
    WatchReport watch() {
        return watch;
    }
}
