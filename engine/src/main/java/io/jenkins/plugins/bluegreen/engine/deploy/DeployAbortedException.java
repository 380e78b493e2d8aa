package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

/**
 * A deploy that did not leave its release live: stopped before the switch, or rolled back after
 * it. The message says what failed and where traffic is; {@link #result()} has the details.
 */
public class DeployAbortedException extends DeployFailedException {
    private static final long serialVersionUID = 1L;

    private final transient DeployResult result;

    public DeployAbortedException(final String message, final DeployResult result) {
        super(message);
        this.result = result;
    }

    public DeployResult result() {
        return result;
    }
}
