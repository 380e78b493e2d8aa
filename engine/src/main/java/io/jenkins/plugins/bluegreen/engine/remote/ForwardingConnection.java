package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.command.Command;

import java.time.Duration;

/**
 * A connection that hands everything to another one, for wrappers that change a single thing (a
 * connection lent without its close, one that records what it sends): they override that and
 * nothing else.
 */
public interface ForwardingConnection extends Connection {
    Connection delegate();

    @Override
    default Host host() {
        return delegate().host();
    }

    @Override
    default CommandResult run(final Command command, final byte[] stdin, final OutputListener output,
                              final Duration timeout) {
        return delegate().run(command, stdin, output, timeout);
    }

    @Override
    default Tunnel forward(final int remotePort) {
        return delegate().forward(remotePort);
    }

    @Override
    default void close() {
        delegate().close();
    }
}
