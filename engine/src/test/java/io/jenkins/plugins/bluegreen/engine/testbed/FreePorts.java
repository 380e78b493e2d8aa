package io.jenkins.plugins.bluegreen.engine.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports for the test's own servers, on loopback. The kernel hands a just-released ephemeral port
 * out again, so two ports asked for in a row (a host's blue and green) can be the same one; every
 * port given here is one this JVM has not been given before.
 */
public final class FreePorts {
    private static final int TRIES = 100;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port on 127.0.0.1 nothing listens on now. */
    public static int loopback() {
        return on(InetAddress.getLoopbackAddress());
    }

    /** A port nothing listens on now at {@code address} (a loopback address). */
    public static int on(final String address) {
        try {
            return on(InetAddress.getByName(address));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int on(final InetAddress address) {
        for (int i = 0; i < TRIES; i++) {
            try (var probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(address, 0));
                if (HANDED_OUT.add(probe.getLocalPort())) {
                    return probe.getLocalPort();
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no port on " + address + " that this test run has not used, after " + TRIES + " tries");
    }
}
