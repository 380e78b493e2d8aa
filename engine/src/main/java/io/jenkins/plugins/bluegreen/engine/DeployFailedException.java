package io.jenkins.plugins.bluegreen.engine;

/**
 * A deploy, migration or rollback that could not complete for a reason outside the user's input
 * (a host down, a gate that never passed). The message says what failed and in what state the
 * engine left traffic; front ends print it without a stack trace.
 */
public class DeployFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeployFailedException(final String message) {
        super(message);
    }

    public DeployFailedException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
