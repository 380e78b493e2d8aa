package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.command.Command;

import java.time.Duration;

/**
 * One open connection to one host, reused for every command of an operation. Implementations
 * mask every known secret in what they report and close cleanly on every path.
 */
public interface Connection extends AutoCloseable {
    Host host();

    /** Runs a command, streaming its output; a non-zero exit is a result, not an exception. */
    default CommandResult run(final Command command, final OutputListener output, final Duration timeout) {
        return run(command, null, output, timeout);
    }

    /**
     * Runs a command with {@code stdin} as its standard input: the way secrets reach a host
     * (an env file written from stdin), never on a command line.
     */
    CommandResult run(Command command, byte[] stdin, OutputListener output, Duration timeout);

    /** Forwards a local port to {@code 127.0.0.1:remotePort} as the far host sees it. */
    Tunnel forward(int remotePort);

    @Override
    void close();
}
