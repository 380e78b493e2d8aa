package io.jenkins.plugins.bluegreen.engine.lock;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

/** Another deploy holds the lock; the message says who, since when and for which version. */
public class LockHeldException extends DeployFailedException {
    private static final long serialVersionUID = 1L;

    private final transient LockHolder holder;

    public LockHeldException(final String message, final LockHolder holder) {
        super(message);
        this.holder = holder;
    }

    public LockHolder holder() {
        return holder;
    }
}
