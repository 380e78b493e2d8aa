package io.jenkins.plugins.bluegreen.engine.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Ports for the test's own servers, on loopback. The kernel hands a just-released ephemeral port
 * out again, so two ports asked for in a row (a host's blue and green) can be the same one; every
 * port given here is one this JVM has not been given before.
 *
 * <p>Containers publish through NAT rules, and a container that dies before podman tears its
 * network down (a cancelled {@code podman run}, a killed host) leaves its rule behind: every later
 * connection to that port on 127.0.0.1 goes to the dead container's address, whoever listens there
 * now. So container ports come from below the kernel's ephemeral range, where no listener of this
 * JVM (bound to port 0) and no outgoing connection ever lands, and no port handed out here is one a
 * NAT rule of the machine already names.
 */
public final class FreePorts {
    private static final int TRIES = 100;
    private static final int LOWEST_CONTAINER_PORT = 10000;
    private static final Pattern NAT_PORT = Pattern.compile("--dport (\\d+)");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final Set<Integer> NAMED_BY_NAT = natPorts();

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

    /** A port for a container to publish on 127.0.0.1: free, below the ephemeral range, in no NAT rule. */
    public static int forContainer() {
        int below = firstEphemeralPort();
        if (below <= LOWEST_CONTAINER_PORT) {
            throw new IllegalStateException("the kernel's ephemeral ports start at " + below
                    + " (net.ipv4.ip_local_port_range); container ports need room between "
                    + LOWEST_CONTAINER_PORT + " and there");
        }
        var random = ThreadLocalRandom.current();
        for (int i = 0; i < TRIES; i++) {
            int port = random.nextInt(LOWEST_CONTAINER_PORT, below);
            if (!NAMED_BY_NAT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no container port in " + LOWEST_CONTAINER_PORT + ".." + (below - 1)
                + " that is free and in no NAT rule, after " + TRIES + " tries");
    }

    private static int on(final InetAddress address) {
        for (int i = 0; i < TRIES; i++) {
            try (var probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(address, 0));
                int port = probe.getLocalPort();
                if (!NAMED_BY_NAT.contains(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no port on " + address + " that this test run has not used, after " + TRIES + " tries");
    }

    private static boolean bindable(final int port) {
        try (var probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    static int firstEphemeralPort() {
        try {
            // Not Files.readString: it trusts the size procfs reports and reads one byte.
            var range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        }
        catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    /** Ports the machine's NAT table names when this JVM first asks; none where it cannot be read. */
    private static Set<Integer> natPorts() {
        try {
            var process = new ProcessBuilder("iptables-save", "-t", "nat").redirectErrorStream(true).start();
            var rules = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return NAT_PORT.matcher(rules).results().map(m -> Integer.valueOf(m.group(1)))
                    .collect(Collectors.toUnmodifiableSet());
        }
        catch (IOException e) {
            // No iptables: then podman publishes through something else, and no rule of it can be stale here.
            return Set.of();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }
}
