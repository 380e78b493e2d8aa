package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections of one operation: at most one per host, opened the first time the host is
 * needed, all closed by {@link #close()} (which also ends every command still running on them).
 * Safe to use from the threads of a {@link FanOut}.
 */
public final class Connections implements AutoCloseable {
    private final Connector connector;
    private final Map<Host, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Connections(final Connector connector) {
        this.connector = connector;
    }

    /** The open connection to {@code host}, opening it now if this is the first use. */
    public Connection get(final Host host) {
        if (closed) {
            throw new DeployFailedException(host + ": not connecting, the operation was cancelled");
        }
        return slots.computeIfAbsent(host, h -> new Slot()).open(host);
    }

    /** Closes every connection opened so far; commands still running on them end. */
    @Override
    public void close() {
        closed = true;
        slots.values().forEach(Slot::close);
    }

    /** One host's connection; its own lock, so a slow host never delays opening another. */
    private final class Slot {
        private Connection connection;

        synchronized Connection open(final Host host) {
            if (connection == null) {
                connection = connector.connect(host);
                if (closed) {
                    connection.close();
                    throw new DeployFailedException(host + ": not connecting, the operation was cancelled");
                }
            }
            return connection;
        }

        void close() {
            Connection c;
            synchronized (this) {
                c = connection;
            }
            if (c != null) {
                c.close();
            }
        }
    }
}
