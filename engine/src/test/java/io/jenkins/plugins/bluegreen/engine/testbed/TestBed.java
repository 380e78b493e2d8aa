package io.jenkins.plugins.bluegreen.engine.testbed;

import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.ssh.SshConnector;
import io.jenkins.plugins.bluegreen.engine.ssh.SshKey;
import io.jenkins.plugins.bluegreen.engine.ssh.SshSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Simulated hosts for end-to-end tests: each is a network namespace of its own on a bridge of this
 * machine (see {@link HostNetwork}), with a real OpenSSH {@code sshd} as root on port 22 of its
 * address, its own host key, HOME and, on request, its own podman storage, so container names,
 * published ports, port rules and files of one host never collide with another's, and every host
 * uses the same ports, as a real fleet does. Each host also sees its own directory at
 * {@link #view()}, so a config names its files by one absolute path for all hosts. Users log in as
 * root with keys generated for this test run, and every command starts in the host's own HOME, so a
 * relative run directory ({@code .bluegreen}) is per host.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final TestBed bed = TestBed.hosts(3);            // pure SSH
 * static final TestBed bed = TestBed.hosts(2).withPodman(); // podman on every host
 * </pre>
 *
 * A container on host i that publishes on {@code 127.0.0.1} is reached from the host itself (through
 * an SSH tunnel, as the engine does); one that publishes on {@link #address(int)} is reached from the
 * tests too. Hosts are numbered from 0.
 */
public final class TestBed implements BeforeAllCallback, AfterAllCallback {
    public enum KeyType { ED25519, ECDSA, RSA }

    private final int count;
    private final boolean podman;
    private final List<SimulatedHost> hosts = new ArrayList<>();
    private HostNetwork network;
    private Path root;

    private TestBed(final int count, final boolean podman) {
        this.count = count;
        this.podman = podman;
    }

    public static TestBed hosts(final int count) {
        return new TestBed(count, false);
    }

    /** Every host gets its own podman storage (graphroot, runroot, tmp dir): slower to set up. */
    public TestBed withPodman() {
        return new TestBed(count, true);
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        stop();
    }

    /** Starts every host; the extension calls it, benchmarks may too. */
    public void start() throws IOException, InterruptedException {
        var sshd = TestTools.require("sshd");
        TestTools.require("ssh-keygen");
        if (podman) {
            TestTools.require("podman");
        }
        // sshd refuses to start without its privilege separation directory.
        Files.createDirectories(Path.of("/run/sshd"));
        root = Files.createTempDirectory("bluegreen-testbed-");
        network = HostNetwork.create();
        var keys = UserKeys.get();
        for (int i = 0; i < count; i++) {
            var host = new SimulatedHost(sshd, root.resolve("host-" + i), network, i, keys.authorizedKeys(), podman);
            hosts.add(host);
            host.start();
        }
        for (SimulatedHost h : hosts) {
            h.awaitListening();
        }
    }

    /** Stops every host and removes their files. */
    public void stop() {
        hosts.forEach(SimulatedHost::close);
        hosts.clear();
        if (network != null) {
            network.close();
            network = null;
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public List<Host> hosts() {
        return hosts.stream().map(SimulatedHost::host).toList();
    }

    public Host host(final int i) {
        return hosts.get(i).host();
    }

    /** Host i's address on the bridge, where the tests reach it. */
    public String address(final int i) {
        return hosts.get(i).host().name();
    }

    /** This machine's address as the hosts see it (a service a test runs here for them listens there). */
    public String gateway() {
        return network.gateway();
    }

    /** Where every host sees its own directory ({@link #dir(int)}): one absolute path for all hosts. */
    public static Path view() {
        return SimulatedHost.VIEW;
    }

    /** A program to run on host i, in its namespaces, as the host's own services run. */
    public ProcessBuilder onHost(final int i, final String... command) {
        return hosts.get(i).inHost(command);
    }

    /** known_hosts content listing every host's key, as ssh-keyscan would collect it. */
    public String knownHosts() {
        return hosts.stream().map(SimulatedHost::knownHostsLine).collect(Collectors.joining("\n", "", "\n"));
    }

    /** The key type and base64 blob of host i's Ed25519 host key ({@code ssh-ed25519 AAAA...}), the one known_hosts lists. */
    public String hostKey(final int i) {
        return hosts.get(i).hostKey();
    }

    /** Host i's second host key, which {@link #knownHosts()} does not list ({@code ecdsa-sha2-nistp256 AAAA...}). */
    public String ecdsaHostKey(final int i) {
        return hosts.get(i).ecdsaHostKey();
    }

    public SshKey key(final KeyType type) {
        return UserKeys.get().key(type);
    }

    /** An Ed25519 key encrypted with {@link #passphrase()}. */
    public SshKey encryptedKey() {
        return UserKeys.get().encrypted();
    }

    public String passphrase() {
        return UserKeys.get().passphrase();
    }

    /** Root login with the Ed25519 key, host keys verified against {@link #knownHosts()}. */
    public SshSettings settings() {
        return SshSettings.of("root", List.of(key(KeyType.ED25519)), knownHosts());
    }

    public SshConnector connector() {
        return new SshConnector(settings(), SecretMask.none(), EventSink.discard());
    }

    /** Takes host i down as a crash would: its sshd, containers and other processes stop; its address answers with refusals; its files stay. */
    public void down(final int i) {
        hosts.get(i).stop();
    }

    /** The sshd processes serving host i's open connections, to drop them mid-command. */
    public List<ProcessHandle> sessions(final int i) {
        return hosts.get(i).sessions();
    }

    /** Host i's private directory (sshd config, HOME, podman storage). */
    public Path dir(final int i) {
        return hosts.get(i).dir();
    }

    static boolean listening(final Host host) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.name(), host.port()), 200);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
