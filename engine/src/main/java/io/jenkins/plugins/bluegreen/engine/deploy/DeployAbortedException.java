package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport;

/**
 * A deploy that did not leave its release live: stopped before the switch, or rolled back after
 * it. The message says what failed and where traffic is; {@link #result()} has the details.
 */
public class DeployAbortedException extends DeployFailedException {
    private static final long serialVersionUID = 1L;
    /**
     * In the message of a deploy the watch switched back by itself. Front ends get only the message
     * across the agent channel, and tell a rollback from a plain failure by it.
     */
    public static final String ROLLED_BACK_AUTOMATICALLY = "was rolled back automatically";

    private final transient DeployResult result;
    /** Not transient: the one detail of a failed deploy that crosses the agent channel, for the deployment page. */
    private final WatchReport watch;

    public DeployAbortedException(final String message, final DeployResult result) {
        super(message);
        this.result = result;
        this.watch = result == null ? null : result.watch();
    }

    /** What the watch saw before it switched back, or {@code null} when it never ran. */
    public WatchReport watch() {
        return watch;
    }

    public DeployResult result() {
        return result;
    }
}
