package io.jenkins.plugins.bluegreen.engine.ssh;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.BootLimit;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.FanOut;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How the SSH transport scales: the same five-command sequence on 1, 5 and 20 hosts (connect
 * included), and the cost of one command on a reused connection. Prints figures; asserts nothing
 * about time. Targets: 20 hosts within 1.5x of one host; median per-command overhead at most 15 ms.
 */
@Tag("benchmark")
class SshBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ROUNDS = 5;
    private static final List<Command> SEQUENCE = List.of(
            Command.of("true"),
            Command.of("echo", "release 42"),
            Command.of("uname", "-a"),
            Command.of("sh", "-c", "test -d / && echo ok"),
            Command.of("printf", "%s\\n", "done"));

    @Test
    void shouldPrintHowFanOutScalesAndWhatACommandCosts() throws Exception {
        var bed = TestBed.hosts(20);
        bed.start();
        try {
            var connector = bed.connector();
            var wall = new double[3];
            int[] sizes = {1, 5, 20};
            sequenceOn(connector, bed.hosts());
            for (int s = 0; s < sizes.length; s++) {
                var hosts = bed.hosts().subList(0, sizes[s]);
                var rounds = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    rounds[r] = sequenceOn(connector, hosts);
                }
                wall[s] = median(rounds);
            }
            var overhead = perCommand(connector.connect(bed.host(0)));
            var connect = new double[20];
            // On real hosts the servers' share runs elsewhere; only this process's share adds up per host.
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            for (int i = 0; i < connect.length; i++) {
                long start = System.nanoTime();
                connector.connect(bed.host(i % bed.hosts().size())).close();
                connect[i] = (System.nanoTime() - start) / 1e6;
            }
            double clientCpu = (os.getProcessCpuTime() - cpuBefore) / 1e6 / connect.length;
            var out = new StringBuilder("\nSSH benchmark (" + SEQUENCE.size() + " commands per host, connect included,"
                    + " median of " + ROUNDS + " rounds)\n");
            for (int s = 0; s < sizes.length; s++) {
                out.append(String.format(Locale.ROOT, "  %2d host(s): %7.1f ms   ratio to 1 host: %.2fx%n",
                        sizes[s], wall[s], wall[s] / wall[0]));
            }
            out.append(String.format(Locale.ROOT, "  target 20 hosts <= 1.5x one host: %s%n",
                    wall[2] / wall[0] <= 1.5 ? "met" : "MISSED"));
            out.append(String.format(Locale.ROOT, "  per command on a reused connection: median %.1f ms, p95 %.1f ms"
                    + " (target median <= 15 ms: %s)%n", overhead[0], overhead[1], overhead[0] <= 15 ? "met" : "MISSED"));
            out.append(String.format(Locale.ROOT, "  connect (TCP, key exchange, host key check, login): median %.1f ms,"
                    + " of which this client's CPU %.1f ms%n", median(connect), clientCpu));
            System.out.print(out);
        }
        finally {
            bed.stop();
        }
    }

    private static double sequenceOn(final SshConnector connector, final List<io.jenkins.plugins.bluegreen.engine.remote.Host> hosts) {
        long start = System.nanoTime();
        try (var connections = new Connections(connector)) {
            new FanOut(connections, BootLimit.all(), Duration.ZERO, FanOut.Mode.FAIL_FAST).run(hosts, c -> {
                io.jenkins.plugins.bluegreen.engine.remote.CommandResult last = null;
                for (Command command : SEQUENCE) {
                    last = c.run(command, OutputListener.discard(), TIMEOUT).orThrow();
                }
                return last;
            }).orThrow("benchmark sequence");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Median and p95 in ms of {@code true} on one open connection. */
    private static double[] perCommand(final Connection connection) {
        try (connection) {
            var times = new ArrayList<Double>();
            for (int i = 0; i < 220; i++) {
                long start = System.nanoTime();
                connection.run(Command.of("true"), OutputListener.discard(), TIMEOUT).orThrow();
                if (i >= 20) {
                    times.add((System.nanoTime() - start) / 1e6);
                }
            }
            var sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new double[] {sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1]};
        }
    }

    private static double median(final double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
