package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.remote.Tunnel;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A test-bed host's connection whose commands start in the host's own home directory, as they do on
 * a real host. Every simulated host logs in as the same root, whose passwd home is shared, so
 * without this the relative run directory ({@code .bluegreen}) of three hosts would be one.
 */
final class HomeConnection implements Connection {
    private final Connection connection;
    private final Path home;

    HomeConnection(final Connection connection, final Path home) {
        this.connection = connection;
        this.home = home;
    }

    @Override
    public Host host() {
        return connection.host();
    }

    @Override
    public CommandResult run(final Command command, final byte[] stdin, final OutputListener output,
                             final Duration timeout) {
        return connection.run(Command.of("cd", home.toString()).and(command), stdin, output, timeout);
    }

    @Override
    public Tunnel forward(final int remotePort) {
        return connection.forward(remotePort);
    }

    @Override
    public void close() {
        connection.close();
    }
}
