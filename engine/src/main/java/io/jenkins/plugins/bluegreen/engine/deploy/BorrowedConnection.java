package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.ForwardingConnection;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.util.List;

/**
 * A rollback's connection lent to the deploy machinery: used, but left open, since closing it stays
 * the rollback's business.
 */
record BorrowedConnection(Connection delegate) implements ForwardingConnection {
    /** The one of {@code held} that reaches {@code host}. */
    static Connection from(final List<Connection> held, final Host host) {
        return held.stream().filter(c -> c.host().equals(host) || c.host().name().equals(host.name())
                && (host.port() == 0 || c.host().port() == host.port())).findFirst()
                .<Connection>map(BorrowedConnection::new)
                .orElseThrow(() -> new DeployFailedException(host + ": the rollback holds no connection to this"
                        + " host of the config"));
    }

    @Override
    public void close() {
        // Left open on purpose.
    }
}
