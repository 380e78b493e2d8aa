package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the orchestration itself costs, on 1 and 10 simulated hosts. Overhead is the deploy's wall
 * time minus the work it waits for: the boot phase (container start), the gate (first healthy
 * answers) and the switch (proxy reload and its check); what is left is locking, reading the
 * ledger, recording history and releasing, each printed as a phase of its own. Targets: overhead at
 * most 1 s; the switch at most 0.5 s with a skew (first to last host answering from the new color)
 * of at most 200 ms; at most 0.5 s from the decision to switch back until the old release answers
 * again. Prints figures, asserts nothing.
 */
@Tag("benchmark")
class DeployBenchmark {
    private static final int ROUNDS = 3;

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    @TempDir
    Path dir;

    @Test
    void shouldMeasureOverheadAndSwitchBackOnOneHost() throws Exception {
        measure(1);
    }

    @Test
    void shouldMeasureOverheadAndSwitchBackOnTenHosts() throws Exception {
        measure(10);
    }

    private void measure(final int hosts) throws Exception {
        var bed = TestBed.hosts(hosts).withPodman();
        bed.start();
        try {
            DeployScenario.loadImages(bed, TestImages.V1, TestImages.V2);
            var s = new DeployScenario(bed, nginx, dir);
            s.deploy().run(DeployPlan.of("v1", "bench"));
            var overheads = new ArrayList<Long>();
            var totals = new ArrayList<Long>();
            var switches = new ArrayList<Long>();
            var skews = new ArrayList<Long>();
            var profile = new EnumMap<Phase, List<Long>>(Phase.class);
            var outside = new ArrayList<Long>();
            for (int round = 0; round < ROUNDS; round++) {
                long started = System.nanoTime();
                var result = s.deploy().run(DeployPlan.of(round % 2 == 0 ? "v2" : "v1", "bench"));
                long total = (System.nanoTime() - started) / 1_000_000;
                long waited = millis(result, Phase.BOOT) + millis(result, Phase.GATE) + millis(result, Phase.SWITCH);
                totals.add(total);
                overheads.add(total - waited);
                switches.add(millis(result, Phase.SWITCH));
                skews.add(result.switchSkew().spread().toMillis());
                result.phases().forEach((phase, took) -> profile.computeIfAbsent(phase, p -> new ArrayList<>())
                        .add(took.toMillis()));
                outside.add(total - result.phases().values().stream().mapToLong(Duration::toMillis).sum());
                System.out.printf(Locale.ROOT, "deploy benchmark: %d host(s), round %d: total %d ms, %s%n", hosts,
                        round + 1, total, result.timeline());
            }
            System.out.printf(Locale.ROOT, "deploy benchmark: %d host(s): orchestration overhead median %d ms"
                    + " (target <= 1000 ms), total median %d ms%n", hosts, median(overheads), median(totals));
            System.out.printf(Locale.ROOT, "deploy benchmark: %d host(s): switch median %d ms (target <= 500 ms),"
                    + " switch skew median %d ms (target <= 200 ms)%n", hosts, median(switches), median(skews));
            System.out.printf(Locale.ROOT, "deploy benchmark: %d host(s): where the time goes (median ms per phase;"
                    + " boot, gate and switch are the work waited for, the rest is the orchestration's own):%n", hosts);
            profile.forEach((phase, values) -> System.out.printf(Locale.ROOT, "  %-10s %6d%n",
                    phase.name().toLowerCase(Locale.ROOT), median(values)));
            System.out.printf(Locale.ROOT, "  %-10s %6d   (outside every phase: connecting, closing connections)%n",
                    "other", median(outside));

            var watched = new DeployScenario(bed, nginx, dir, "  watch:", "    duration: 10s", "    interval: 200ms");
            watched.deploy().run(DeployPlan.of("v1", "bench"));
            // v2 falls ill once it is live, whatever the host count: an app that fell ill after a
            // fixed time was already ill at its gate on 10 hosts, so the watch never ran.
            var ended = "v2 went live and stayed";
            try {
                watched.fallingIllOnceLive(Color.GREEN).run(DeployPlan.of("v2", "bench"));
            }
            catch (DeployAbortedException expected) {
                // The point: it goes back by itself.
                ended = expected.getMessage().strip().lines().findFirst().orElse("");
            }
            var back = switchBack(watched.events);
            if (back.isPresent()) {
                System.out.printf(Locale.ROOT, "deploy benchmark: %d host(s): switch back from decision to the old"
                        + " release answering (verified on every host): %d ms (target <= 500 ms), %s%n", hosts,
                        back.get(), watched.events.stream().map(Event::message)
                                .filter(m -> m.startsWith("switched back with ")).findFirst().orElse("no skew"));
            }
            else {
                // A figure that cannot be had is said, not thrown: the figures before it still stand.
                System.out.printf(Locale.ROOT, "deploy benchmark: %d host(s): no switch back to measure, the watch"
                        + " never judged v2: %s%n", hosts, ended);
            }
            s.removeContainers();
            watched.removeContainers();
        }
        finally {
            bed.stop();
        }
    }

    /** From the watch's verdict to the last host verified back on the old release; empty without a verdict. */
    private static Optional<Long> switchBack(final List<Event> events) {
        var decided = events.stream().filter(e -> e.phase() == Phase.ROLLBACK && e.message().contains("failed the watch"))
                .map(Event::at).findFirst();
        var back = events.stream().filter(e -> e.phase() == Phase.ROLLBACK && e.message().startsWith("switched back to"))
                .map(Event::at).max(Comparable::compareTo);
        return decided.flatMap(d -> back.map(b -> Duration.between(d, b).toMillis()));
    }

    private static long millis(final DeployResult result, final Phase phase) {
        return result.phases().getOrDefault(phase, Duration.ZERO).toMillis();
    }

    private static long median(final List<Long> values) {
        var sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
