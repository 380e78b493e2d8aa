package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.Ledger;
import io.jenkins.plugins.bluegreen.engine.ledger.Release;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.EachHost;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.traffic.ScriptSwitch;
import io.jenkins.plugins.bluegreen.engine.traffic.SwitchAll;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the cost of each orchestration phase grows with the host count: 1, 10, 30 and 50 hosts.
 * Fifty podman hosts do not fit on two cores, so these are sshd-only hosts on which podman is a
 * stand-in (bind-mounted over it in each host's own mount namespace) that answers {@code ps} from
 * the host's files as podman answers from its storage, and the proxy is the script switch writing a
 * file. Boot and gate need real containers; {@link DeployBenchmark} measures them on podman hosts.
 * Prints a table and writes an SVG of it next to the report; asserts nothing.
 */
@Tag("benchmark")
class GrowthBenchmark {
    private static final List<Integer> SIZES = List.of(1, 10, 30, 50);
    private static final int ROUNDS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Answers {@code ps ... --format {{json .}}} with one JSON line per container file, as podman does. */
    private static final String STAND_IN = "#!/bin/sh\n"
            + "# A stand-in for podman on a host without container storage: ps lists $HOME/containers/*.json.\n"
            + "case \"$1\" in\n"
            + "  ps) cat \"$HOME\"/containers/*.json 2>/dev/null; exit 0 ;;\n"
            + "  *) echo \"stand-in podman: $1 is not part of this benchmark\" >&2; exit 125 ;;\n"
            + "esac\n";
    private static final List<String> PHASES = List.of("connect", "lock", "ledger", "switch", "history", "release",
            "close");

    @TempDir
    Path dir;

    @Test
    void shouldPrintHowEachPhaseGrowsWithTheHostCount() throws Exception {
        int most = SIZES.get(SIZES.size() - 1);
        var bed = TestBed.hosts(most);
        bed.start();
        try {
            var standIn = dir.resolve("podman");
            Files.writeString(standIn, STAND_IN);
            Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (int i = 0; i < most; i++) {
                // Each host's mount namespace is private: the real podman stays for everything else.
                var mount = bed.onHost(i, "mount", "--bind", standIn.toString(), "/usr/bin/podman").start();
                if (mount.waitFor() != 0) {
                    throw new IllegalStateException("could not put the podman stand-in on host " + i);
                }
            }
            var table = new LinkedHashMap<String, List<Long>>();
            PHASES.forEach(p -> table.put(p, new ArrayList<>()));
            var skews = new ArrayList<Long>();
            for (int size : SIZES) {
                var rounds = new ArrayList<Map<String, Long>>();
                for (int round = 0; round < ROUNDS; round++) {
                    rounds.add(round(bed, bed.hosts().subList(0, size), round, skews));
                }
                PHASES.forEach(p -> table.get(p).add(median(rounds.stream().map(r -> r.get(p)).toList())));
            }
            print(table, skews);
            var chart = new GrowthChart(SIZES);
            table.forEach(chart::phase);
            var svg = Path.of(System.getProperty("bluegreen.buildDir", "target"), "surefire-reports", "growth.svg");
            Files.createDirectories(svg.getParent());
            Files.writeString(svg, chart.svg("orchestration phase time (median ms) against hosts"));
            System.out.println("growth benchmark: chart written to " + svg.toAbsolutePath());
        }
        finally {
            bed.stop();
        }
    }

    /** One pass of the orchestration's own phases over {@code hosts}; milliseconds per phase. */
    private Map<String, Long> round(final TestBed bed, final List<Host> hosts, final int round,
                                   final List<Long> skews) {
        var times = new LinkedHashMap<String, Long>();
        var service = Service.of("growth" + hosts.size());
        var containers = new ContainerCommands(ContainerRuntime.PODMAN, ".bluegreen");
        var ledger = new Ledger(containers);
        var locks = new HostLocks(new DeployLock(".bluegreen"), service);
        var connections = new Connections(bed.connector());
        var version = round % 2 == 0 ? "v2" : "v1";
        var stamp = new DeployStamp(Instant.now(), "bench");
        times.put("connect", time(() -> EachHost.run(hosts, connections::get).orThrow("connecting")));
        times.put("lock", time(() -> {
            locks.acquire(connections::get, hosts, new LockHolder(stamp, version, "growth"), true);
            return null;
        }));
        times.put("ledger", time(() -> EachHost.run(hosts, h -> ledger.read(connections.get(h), service, 50))
                .orThrow("reading the ledger")));
        var proxy = new ScriptSwitch(service.name(), "echo color={color} port={port} version={version} > {service}.live",
                "cat {service}.live 2>/dev/null || true", null, TIMEOUT, EventSink.discard());
        var target = new Target(service.name(), round % 2 == 0 ? "green" : "blue", 3001 + round % 2, version);
        times.put("switch", time(() -> {
            var result = new SwitchAll(proxy, EventSink.discard()).switchTo(hosts.stream().map(connections::get)
                    .toList(), target);
            skews.add(result.skew().spread().toMillis());
            return result;
        }));
        var entry = new HistoryEntry(HistoryEntry.Action.DEPLOY, new Release(version, Color.parse(target.color(),
                "color"), "localhost/growth:" + version, stamp.at(), stamp.by()), null, null, "growth benchmark");
        times.put("history", time(() -> EachHost.run(hosts, h -> {
            ledger.append(connections.get(h), service, entry);
            return h;
        }).orThrow("writing the history")));
        times.put("release", time(() -> locks.release(() -> connections::get)));
        times.put("close", time(() -> {
            connections.close();
            return null;
        }));
        return times;
    }

    private static void print(final Map<String, List<Long>> table, final List<Long> skews) {
        var out = new StringBuilder(String.format(Locale.ROOT, "%ngrowth benchmark: median ms of %d rounds per phase"
                + " (sshd-only hosts, podman stand-in, script proxy)%n  %-8s", ROUNDS, "phase"));
        SIZES.forEach(s -> out.append(String.format(Locale.ROOT, " %6d", s)));
        out.append("  hosts\n");
        table.forEach((phase, values) -> {
            out.append(String.format(Locale.ROOT, "  %-8s", phase));
            values.forEach(v -> out.append(String.format(Locale.ROOT, " %6d", v)));
            out.append('\n');
        });
        out.append(String.format(Locale.ROOT, "  %-8s", "total"));
        for (int i = 0; i < SIZES.size(); i++) {
            int column = i;
            out.append(String.format(Locale.ROOT, " %6d", table.values().stream().mapToLong(v -> v.get(column)).sum()));
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "  switch skew per round, in host-count order: %s ms%n", skews));
        System.out.print(out);
    }

    private static long time(final Supplier<?> work) {
        long started = System.nanoTime();
        work.get();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(final List<Long> values) {
        var sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
