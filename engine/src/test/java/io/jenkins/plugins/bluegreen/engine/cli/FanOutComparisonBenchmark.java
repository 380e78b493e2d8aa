package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our fan-out against the tools users would otherwise run, side by side on the same 20 test-bed
 * hosts: log in to every host with the same key and known_hosts, run one command, log out.
 * {@code java -jar bluegreen.jar ssh-check} (JVM start included) against 20 OpenSSH clients started
 * in parallel and against {@code ansible -m raw} with 20 forks, in alternating order. The peers are
 * Debian packages this benchmark installs when missing. Targets: at least as fast as Ansible, within
 * 10 % of the OpenSSH clients. Prints figures, asserts nothing about time.
 *
 * <p>Needs the jar: {@code mvn -f engine/pom.xml package -DskipTests} first, since benchmarks run
 * before {@code package}.
 */
@Tag("benchmark")
class FanOutComparisonBenchmark {
    private static final int HOSTS = 20;
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void shouldPrintOurFanOutBesideOpenSshAndAnsible() throws Exception {
        install("ssh", "openssh-client");
        install("ansible", "ansible-core");
        ShippedJar.path();
        var bed = TestBed.hosts(HOSTS);
        bed.start();
        try {
            var key = Files.write(dir.resolve("id_ed25519"), bed.key(TestBed.KeyType.ED25519).privateKey());
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            var knownHosts = Files.writeString(dir.resolve("known_hosts"), bed.knownHosts());
            var inventory = Files.writeString(dir.resolve("inventory"), bed.hosts().stream()
                    .map(h -> h.name() + " ansible_port=" + h.port()).collect(Collectors.joining("\n", "[all]\n", "\n")));

            var peers = new LinkedHashMap<String, Callable<Integer>>();
            peers.put("bluegreen ssh-check (java -jar)", () -> sshCheck(bed.hosts(), key, knownHosts));
            peers.put("OpenSSH clients in parallel", () -> openSsh(bed.hosts(), key, knownHosts));
            peers.put("ansible -m raw, " + HOSTS + " forks", () -> ansible(inventory, key, knownHosts));
            var times = new LinkedHashMap<String, List<Long>>();
            peers.keySet().forEach(name -> times.put(name, new ArrayList<>()));
            var names = new ArrayList<>(peers.keySet());
            for (int round = 0; round < ROUNDS; round++) {
                // Each tool goes first in turn, so none always meets the servers warm.
                for (int i = 0; i < names.size(); i++) {
                    var name = names.get((round + i) % names.size());
                    long started = System.nanoTime();
                    int exit = peers.get(name).call();
                    if (exit != 0) {
                        throw new IllegalStateException(name + " exited with " + exit);
                    }
                    times.get(name).add((System.nanoTime() - started) / 1_000_000);
                }
            }
            print(times);
        }
        finally {
            bed.stop();
        }
    }

    private static int sshCheck(final List<Host> hosts, final Path key, final Path knownHosts) {
        var args = new ArrayList<>(List.of("ssh-check", "-i", key.toString(), "--known-hosts", knownHosts.toString(),
                "--limit", Integer.toString(hosts.size())));
        hosts.forEach(h -> args.add(h.toString()));
        return ShippedJar.run(args).exit();
    }

    /** One {@code ssh HOST true} per host, all started before the first is waited for. */
    private static int openSsh(final List<Host> hosts, final Path key, final Path knownHosts) throws Exception {
        var running = new ArrayList<Process>();
        for (Host h : hosts) {
            // -F /dev/null: no user ssh config (a ControlMaster there would skip the logins being measured).
            running.add(quiet(new ProcessBuilder("ssh", "-F", "/dev/null", "-i", key.toString(), "-o", "IdentitiesOnly=yes",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                    "-p", Integer.toString(h.port()), "root@" + h.name(), "true")).start());
        }
        int worst = 0;
        for (Process p : running) {
            worst = Math.max(worst, p.waitFor());
        }
        return worst;
    }

    private static int ansible(final Path inventory, final Path key, final Path knownHosts) throws Exception {
        var process = new ProcessBuilder("ansible", "all", "-i", inventory.toString(), "-u", "root",
                "--private-key", key.toString(), "-f", Integer.toString(HOSTS), "-m", "raw", "-a", "true");
        // No connection kept between rounds: each round logs in afresh, as the others do.
        process.environment().put("ANSIBLE_SSH_ARGS", "-o ControlMaster=no -o UserKnownHostsFile=" + knownHosts
                + " -o StrictHostKeyChecking=yes");
        process.environment().put("ANSIBLE_HOST_KEY_CHECKING", "True");
        process.environment().put("ANSIBLE_LOCAL_TEMP", inventory.getParent().resolve("ansible-tmp").toString());
        return quiet(process).start().waitFor();
    }

    private static ProcessBuilder quiet(final ProcessBuilder process) {
        return process.redirectInput(new File("/dev/null")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    /** Installs {@code pkg} with apt-get when {@code program} is not on the PATH. */
    private static void install(final String program, final String pkg) throws IOException, InterruptedException {
        var found = new ProcessBuilder("sh", "-c", "command -v " + program).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor() == 0;
        if (found) {
            return;
        }
        var apt = new ProcessBuilder("apt-get", "install", "-y", "--no-install-recommends", pkg).inheritIO();
        apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
        if (apt.start().waitFor() != 0) {
            throw new IllegalStateException("apt-get install " + pkg + " failed; the comparison needs " + program);
        }
    }

    private static void print(final Map<String, List<Long>> times) throws IOException {
        var medians = new LinkedHashMap<String, Long>();
        times.forEach((name, values) -> {
            var sorted = new ArrayList<>(values);
            sorted.sort(null);
            medians.put(name, sorted.get(sorted.size() / 2));
        });
        var out = new StringBuilder(String.format(Locale.ROOT, "%nfan-out comparison: log in to %d hosts, run one"
                + " command, median of %d rounds (load average at the end: %s)%n", HOSTS, ROUNDS,
                Files.readString(Path.of("/proc/loadavg")).strip()));
        medians.forEach((name, ms) -> out.append(String.format(Locale.ROOT, "  %-34s %6d ms   rounds %s%n", name, ms,
                times.get(name))));
        var values = new ArrayList<>(medians.values());
        double toOpenSsh = (double) values.get(0) / values.get(1);
        double toAnsible = (double) values.get(0) / values.get(2);
        out.append(String.format(Locale.ROOT, "  ours / OpenSSH clients: %.2fx (target <= 1.10: %s)%n", toOpenSsh,
                toOpenSsh <= 1.10 ? "met" : "MISSED"));
        out.append(String.format(Locale.ROOT, "  ours / Ansible:         %.2fx (target <= 1.00: %s)%n", toAnsible,
                toAnsible <= 1.00 ? "met" : "MISSED"));
        System.out.print(out);
    }
}
