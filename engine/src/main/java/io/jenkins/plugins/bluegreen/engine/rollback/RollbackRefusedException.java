package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

/** A rollback that was not started because it could not end well; nothing on the hosts changed. */
public class RollbackRefusedException extends DeployFailedException {
    private static final long serialVersionUID = 1L;

    public RollbackRefusedException(final String reason) {
        super("rollback refused: " + reason + "; traffic was not touched");
    }
}
