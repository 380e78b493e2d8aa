package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

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

    public DeployAbortedException(final String message, final DeployResult result) {
        super(message);
        this.result = result;
    }

    public DeployResult result() {
        return result;
    }
}
