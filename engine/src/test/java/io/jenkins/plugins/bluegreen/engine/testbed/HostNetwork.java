package io.jenkins.plugins.bluegreen.engine.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The network of one {@link TestBed}: a network namespace per simulated host, each joined by a veth
 * pair to a bridge in this machine's namespace, as hosts on one LAN. A host has its own address
 * ({@code 10.231.S.(10+i)}), its own loopback, its own ports and its own packet filter, so every host
 * can use the same ports as a real fleet does, and podman's port rules stay inside the host that made
 * them. This machine is {@code 10.231.S.1} on the bridge: the tests reach the hosts from there.
 * The hosts have no route beyond the bridge.
 *
 * <p>Every name carries this JVM's pid, so a later run can tell what a killed run left behind (its
 * pid is gone) from what a run going on beside it still uses, and removes only the former.
 */
final class HostNetwork implements AutoCloseable {
    private static final String NETNS_DIR = "/run/netns/";
    private static final Pattern OURS = Pattern.compile("bg(\\d+)b\\d+(h\\d+)?");
    private static final AtomicInteger BEDS = new AtomicInteger();
    private static final Set<String> HOST_ADDRESSES = ConcurrentHashMap.newKeySet();

    private final String id;
    private final String subnet;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();

    private HostNetwork(final String id, final String subnet) {
        this.id = id;
        this.subnet = subnet;
    }

    /** A new bridge on a /24 no interface of this machine uses, after clearing what dead runs left. */
    static HostNetwork create() {
        TestTools.require("ip");
        TestTools.require("nsenter");
        sweepLeftovers();
        var id = ProcessHandle.current().pid() + "b" + BEDS.incrementAndGet();
        var network = new HostNetwork(id, freeSubnet());
        ip("link", "add", "name", network.bridge(), "type", "bridge");
        ip("addr", "add", network.subnet + ".1/24", "dev", network.bridge());
        ip("link", "set", network.bridge(), "up");
        return network;
    }

    /** Adds host {@code i}: its namespace, its veth pair into the bridge, its address and routes. */
    String join(final int i) {
        var netns = "bg" + id + "h" + i;
        var veth = "v" + id + "h" + i;
        var address = subnet + "." + (10 + i);
        ip("netns", "add", netns);
        namespaces.add(netns);
        ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", netns);
        ip("link", "set", veth, "master", bridge(), "up");
        ip("-n", netns, "addr", "add", address + "/24", "dev", "eth0");
        ip("-n", netns, "link", "set", "eth0", "up");
        ip("-n", netns, "link", "set", "lo", "up");
        // No default route: a host reaches the bridge and nothing beyond, so nothing a test makes it
        // do (a registry lookup, say) can leave this machine.
        addresses.add(address);
        HOST_ADDRESSES.add(address);
        return address;
    }

    /** The namespace file of host {@code i}, for {@code nsenter --net=}. */
    String namespace(final int i) {
        return NETNS_DIR + namespaces.get(i);
    }

    /** This machine's address on the bridge, as the hosts see it. */
    String gateway() {
        return subnet + ".1";
    }

    /** Whether {@code address} is a host of a live test bed of this JVM: a target test traffic may go to. */
    static boolean isHostAddress(final String address) {
        return HOST_ADDRESSES.contains(address);
    }

    /** Removes every host namespace and the bridge; the processes in them must be gone already. */
    @Override
    public void close() {
        HOST_ADDRESSES.removeAll(addresses);
        for (String netns : namespaces) {
            killAll(netns);
            ipMayFail("netns", "del", netns);
        }
        ipMayFail("link", "del", bridge());
    }

    private String bridge() {
        return "bg" + id;
    }

    private static String freeSubnet() {
        var used = ip("-o", "-4", "addr", "show");
        for (int attempt = 0; attempt < 50; attempt++) {
            var candidate = "10.231." + ThreadLocalRandom.current().nextInt(1, 255);
            if (!used.contains(" " + candidate + ".")) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free 10.231.x.0/24 for a test bed; addresses in use:\n" + used);
    }

    /** Namespaces and bridges whose run's JVM is gone: their processes are killed, then they go. */
    private static void sweepLeftovers() {
        for (String netns : ip("netns", "list").lines().map(l -> l.split("\\s+")[0]).toList()) {
            if (isLeftover(netns)) {
                killAll(netns);
                ipMayFail("netns", "del", netns);
            }
        }
        for (String line : ip("-o", "link", "show", "type", "bridge").lines().toList()) {
            var name = line.split(":\\s+")[1].split("[@:]")[0];
            if (isLeftover(name)) {
                ipMayFail("link", "del", name);
            }
        }
    }

    private static boolean isLeftover(final String name) {
        var matcher = OURS.matcher(name);
        return matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty();
    }

    /** Kills what still runs in {@code netns}, so deleting it really frees it. */
    private static void killAll(final String netns) {
        killAllBut(netns, -1);
    }

    /**
     * Kills every process in {@code netns} but {@code spare} (a pid, or -1) and waits for each, a
     * while: what will not die goes with the namespace's last reference, or never.
     */
    static void killAllBut(final String netns, final long spare) {
        var doomed = ipMayFail("netns", "pids", netns).lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(Long::parseLong).filter(pid -> pid != spare).flatMap(pid -> ProcessHandle.of(pid).stream()).toList();
        doomed.forEach(ProcessHandle::destroyForcibly);
        try {
            for (ProcessHandle p : doomed) {
                p.onExit().get(10, TimeUnit.SECONDS);
            }
        }
        catch (ExecutionException | TimeoutException e) {
            // Killed, but not gone within 10 s: stuck in the kernel, beyond what a test can do.
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String ip(final String... args) {
        return LocalProgram.run(command(args), false);
    }

    /** What {@code ip} printed, or "" where it failed (a namespace already gone, say). */
    private static String ipMayFail(final String... args) {
        return LocalProgram.run(command(args), true);
    }

    private static List<String> command(final String... args) {
        var command = new ArrayList<>(List.of(TestTools.require("ip").toString()));
        command.addAll(List.of(args));
        return command;
    }
}
