package io.jenkins.plugins.bluegreen.engine.testbed;

import io.jenkins.plugins.bluegreen.engine.command.ShellQuote;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One simulated host of a {@link TestBed}: a network namespace of its own (see {@link HostNetwork}),
 * a mount namespace in which its directory also appears at {@link #VIEW}, and a real sshd on port 22
 * of its address. What the host runs (every SSH session, podman and its containers' port rules, an
 * nginx a test starts there) runs in both namespaces.
 *
 * <p>The mount namespace lets every host name its files by the same absolute paths, as real hosts
 * do: a config can say {@code /srv/bluegreen-host/nginx/conf.d/app-upstream.conf} once for all hosts.
 * An anchor process ({@code sleep infinity}) holds the namespaces from start to close, so the host's
 * containers can still be swept after its sshd is gone.
 */
final class SimulatedHost {
    /** Where each host sees its own directory. */
    static final Path VIEW = Path.of("/srv/bluegreen-host");
    static final int SSH_PORT = 22;

    private final Path sshd;
    private final Path dir;
    private final String netns;
    private final Host host;
    private final String hostKey;
    private final String ecdsaHostKey;
    private final boolean podman;
    private Process anchor;
    private Process process;

    SimulatedHost(final Path sshd, final Path dir, final HostNetwork network, final int index,
                  final String authorizedKeys, final boolean podman) throws IOException, InterruptedException {
        this.sshd = sshd;
        this.dir = dir;
        this.podman = podman;
        Files.createDirectories(dir.resolve("home"));
        this.host = new Host(network.join(index), SSH_PORT);
        this.netns = network.namespace(index);
        UserKeys.keygen(dir.resolve("ssh_host_ed25519_key"), "ed25519", "");
        // Two host keys, as most real hosts have, so key type negotiation is exercised too.
        UserKeys.keygen(dir.resolve("ssh_host_ecdsa_key"), "ecdsa", "");
        this.hostKey = publicKey(dir.resolve("ssh_host_ed25519_key.pub"));
        this.ecdsaHostKey = publicKey(dir.resolve("ssh_host_ecdsa_key.pub"));
        Files.writeString(dir.resolve("authorized_keys"), authorizedKeys);
        var env = new StringBuilder("HOME=" + dir.resolve("home"));
        if (podman) {
            env.append(' ').append(podmanStorage());
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress " + host.name() + ":" + host.port(),
                "HostKey " + dir.resolve("ssh_host_ed25519_key"),
                "HostKey " + dir.resolve("ssh_host_ecdsa_key"),
                "PidFile none",
                "UsePAM no",
                // The test dirs live under /tmp, which StrictModes would reject as world-writable.
                "StrictModes no",
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "AllowTcpForwarding yes",
                "MaxSessions 100",
                "MaxStartups 100:30:200",
                "LogLevel ERROR",
                // A private HOME keeps the real root's shell rc files (slow, noisy) out of every command.
                "SetEnv " + env,
                // Every host logs in as root, whose passwd home /root would be shared: commands start in
                // the host's own HOME instead, so a relative run directory is per host, as on real hosts.
                "ForceCommand " + loginCommand(dir.resolve("home")),
                ""));
    }

    /**
     * Runs the client's command, untouched, with the login shell as sshd would, but from {@code home}.
     * The command arrives in a variable, so no quoting of it is re-parsed on the way.
     */
    private static String loginCommand(final Path home) {
        return "cd " + ShellQuote.quote(home.toString()) + " && exec \"$SHELL\" -c \"$SSH_ORIGINAL_COMMAND\"";
    }

    /** {@code type base64} of a .pub file, without its comment. */
    private static String publicKey(final Path pub) throws IOException {
        var fields = Files.readString(pub).strip().split("\\s+");
        return fields[0] + " " + fields[1];
    }

    /** Per-host podman storage and engine tmp dir, layered on the machine's containers.conf. */
    private String podmanStorage() throws IOException {
        var storage = dir.resolve("storage.conf");
        Files.writeString(storage, "[storage]\ndriver = \"overlay\"\n"
                + "graphroot = \"" + dir.resolve("podman/graph") + "\"\n"
                + "runroot = \"" + dir.resolve("podman/run") + "\"\n");
        var system = Path.of("/etc/containers/containers.conf");
        var base = Files.exists(system) ? Files.readString(system) : "";
        var tmp = "tmp_dir = \"" + dir.resolve("podman/tmp") + "\"\n"
                + "volume_path = \"" + dir.resolve("podman/volumes") + "\"\n";
        var conf = base.contains("[engine]") ? base.replace("[engine]\n", "[engine]\n" + tmp) : base + "\n[engine]\n" + tmp;
        Files.writeString(dir.resolve("containers.conf"), conf);
        return "CONTAINERS_STORAGE_CONF=" + storage + " CONTAINERS_CONF=" + dir.resolve("containers.conf");
    }

    void start() throws IOException, InterruptedException {
        Files.createDirectories(VIEW);
        anchor = new ProcessBuilder(TestTools.require("nsenter").toString(), "--net=" + netns, "--",
                TestTools.require("unshare").toString(), "--mount", "--propagation", "private", "--",
                "sh", "-c", "mount --bind \"$0\" " + VIEW + " && exec sleep infinity", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("anchor.log").toFile())
                .start();
        awaitView();
        process = inHost(sshd.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
    }

    /**
     * A program run on this host: in its network and mount namespaces. Entering a mount namespace
     * resets the root to the namespace's own; {@code --root} keeps the anchor's, so a test run inside
     * a chroot (a Debian 13 tree on a Debian 12 machine, say) still sees its own files.
     */
    ProcessBuilder inHost(final String... command) {
        var argv = new ArrayList<>(List.of(TestTools.require("nsenter").toString(), "--target",
                String.valueOf(anchor.pid()), "--mount", "--net", "--root", "--"));
        argv.addAll(List.of(command));
        return new ProcessBuilder(argv);
    }

    private void awaitView() throws IOException, InterruptedException {
        var mounts = Path.of("/proc/" + anchor.pid() + "/mountinfo");
        for (int i = 0; i < 100; i++) {
            if (!anchor.isAlive()) {
                throw new IOException("host " + host + " did not come up: " + Files.readString(dir.resolve("anchor.log")));
            }
            if (Files.readString(mounts).contains(" " + VIEW + " ")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("host " + host + ": " + VIEW + " not mounted after 2 s");
    }

    void awaitListening() throws IOException, InterruptedException {
        for (int i = 0; i < 100 && !TestBed.listening(host); i++) {
            if (!process.isAlive()) {
                throw new IOException("sshd for " + host + " exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            Thread.sleep(50);
        }
        if (!TestBed.listening(host)) {
            throw new IOException("sshd for " + host + " is not listening after 5s");
        }
    }

    /** Takes the host off the network as a crash would: sshd, containers and every other process go. */
    void stop() {
        // sshd and its sessions go first: a podman command still running in a session could
        // otherwise create a container after the sweep below.
        if (process != null) {
            // Every one of them is waited for: a session child that has not yet closed its copy of
            // the listening socket would still take a connection, and reset it as it dies.
            var all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
            all.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : all) {
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                catch (ExecutionException | TimeoutException e) {
                    // Killed, but not gone within 10s: stuck in the kernel, beyond what a test can do.
                }
            }
        }
        if (anchor == null) {
            return;
        }
        if (podman) {
            removeContainers();
        }
        killAllBut(anchor);
    }

    /** Stops the host for good, anchor included; the network removes the namespace. */
    void close() {
        stop();
        if (anchor != null) {
            anchor.destroyForcibly();
            try {
                anchor.waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every process left in the host's network namespace (an nginx a test started, say) but {@code keep}. */
    private void killAllBut(final Process keep) {
        HostNetwork.killAllBut(Path.of(netns).getFileName().toString(), keep.pid());
    }

    /**
     * Removes what a failed test left running, so no container (and no overlay mount, and no NAT
     * rule) outlives the host. A container whose {@code podman run} was cut off with its session can
     * still be coming up during the first sweep, so it sweeps until none is left.
     */
    private void removeContainers() {
        if (!Files.exists(dir.resolve("storage.conf"))) {
            // Without it podman would sweep the machine's own storage.
            return;
        }
        var left = "";
        for (int sweep = 0; sweep < 3; sweep++) {
            podman("rm", "-a", "-f", "-t", "0");
            left = podman("ps", "-a", "-q").strip();
            if (left.isEmpty()) {
                return;
            }
        }
        System.err.println("test bed: " + host + " still has containers after 3 sweeps: " + left.replace('\n', ' '));
    }

    private String podman(final String... args) {
        // The storage comes from the env alone, as in the host's sessions: podman refuses a --runroot
        // flag longer than 50 characters, and the test bed's paths are longer.
        var command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        // In the host's namespaces, where its containers' mounts and port rules are.
        var podmanCmd = inHost(command.toArray(String[]::new)).redirectError(ProcessBuilder.Redirect.DISCARD);
        podmanCmd.environment().put("CONTAINERS_STORAGE_CONF", dir.resolve("storage.conf").toString());
        podmanCmd.environment().put("CONTAINERS_CONF", dir.resolve("containers.conf").toString());
        try {
            var process = podmanCmd.start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            return exit == 0 ? out : "(podman " + String.join(" ", args) + " exited with " + exit + ")";
        }
        catch (IOException e) {
            // podman is gone; then nothing of it can be left running either.
            return "";
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    List<ProcessHandle> sessions() {
        return process.children().toList();
    }

    Host host() {
        return host;
    }

    Path dir() {
        return dir;
    }

    String hostKey() {
        return hostKey;
    }

    String ecdsaHostKey() {
        return ecdsaHostKey;
    }

    /** As ssh-keyscan writes it: port 22 is not named. */
    String knownHostsLine() {
        return host.name() + " " + hostKey;
    }
}
