package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.remote.Tunnel;

import java.time.Duration;
import java.util.List;

/**
 * A rollback's connection lent to the deploy machinery: used, but left open, since closing it stays
 * the rollback's business.
 */
record BorrowedConnection(Connection connection) implements Connection {
    /** The one of {@code held} that reaches {@code host}. */
    static Connection from(final List<Connection> held, final Host host) {
        return held.stream().filter(c -> c.host().equals(host) || c.host().name().equals(host.name())
                && (host.port() == 0 || c.host().port() == host.port())).findFirst()
                .<Connection>map(BorrowedConnection::new)
                .orElseThrow(() -> new DeployFailedException(host + ": the rollback holds no connection to this"
                        + " host of the config"));
    }

    @Override
    public Host host() {
        return connection.host();
    }

    @Override
    public CommandResult run(final Command command, final byte[] stdin, final OutputListener output,
                             final Duration timeout) {
        return connection.run(command, stdin, output, timeout);
    }

    @Override
    public Tunnel forward(final int remotePort) {
        return connection.forward(remotePort);
    }

    @Override
    public void close() {
        // Left open on purpose.
    }
}
