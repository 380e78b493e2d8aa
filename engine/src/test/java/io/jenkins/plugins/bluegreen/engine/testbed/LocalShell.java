package io.jenkins.plugins.bluegreen.engine.testbed;

import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.LocalConnector;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

/**
 * Connections to this machine for tests that prove builders against the real programs without an
 * sshd: the engine's own {@link LocalConnector}, named as the host a test pretends to be.
 */
public final class LocalShell {
    private LocalShell() {
    }

    public static Connection localhost() {
        return host("localhost");
    }

    /** A local connection that reports itself as host {@code name}, so one machine can play several hosts. */
    public static Connection host(final String name) {
        return new LocalConnector(SecretMask.none()).connect(new Host(name, 0));
    }
}
