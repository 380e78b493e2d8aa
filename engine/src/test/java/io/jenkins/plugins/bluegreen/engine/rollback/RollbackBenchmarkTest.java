package io.jenkins.plugins.bluegreen.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How long a rollback via the warm color takes on three real hosts, from the decision to the old
 * release answering through every host's nginx, and the whole call (lock, reads, image checks,
 * switch, history, unlock). Prints figures; asserts nothing about time.
 */
@Tag("benchmark")
class RollbackBenchmarkTest {
    private static final int ROUNDS = 6;

    @RegisterExtension
    static final TestBed BED = TestBed.hosts(3).withPodman();

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    @Test
    void shouldPrintHowLongARollbackViaTheWarmColorTakes() throws Exception {
        Fleet.loadImages(BED, TestImages.V1, TestImages.V2);
        try (var fleet = new Fleet(BED, nginx)) {
            for (int i = 0; i < 3; i++) {
                fleet.deploy(i, TestImages.V1, Color.BLUE, "alice", Instant.parse("2026-11-24T10:00:00Z"), null, null);
                fleet.deploy(i, TestImages.V2, Color.GREEN, "bob", Instant.parse("2026-11-25T10:00:00Z"), null, null);
            }
            fleet.switchAll(Color.GREEN, "v2");
            var rollback = new Rollback(fleet.service, "web", Fleet.PORTS, Fleet.REPOSITORY, fleet.containers,
                    fleet.traffic(), fleet.events::add);
            var switches = new ArrayList<Long>();
            var calls = new ArrayList<Long>();
            for (int round = 0; round < ROUNDS; round++) {
                var to = round % 2 == 0 ? "v1" : "v2";
                long started = System.nanoTime();
                var outcome = rollback.run(fleet.hosts, new RollbackRequest(null, null, to, false, "bench", null));
                calls.add((System.nanoTime() - started) / 1_000_000);
                switches.add(outcome.phases().get(Phase.SWITCH).toMillis());
                assertThat(fleet.answer(round % 3)).isEqualTo("bgtest-app " + to);
            }
            Collections.sort(switches);
            Collections.sort(calls);
            System.out.printf("rollback via the warm color, 3 hosts, %d rounds: decision to old release answering"
                    + " min %d / median %d / max %d ms; whole call min %d / median %d / max %d ms%n", ROUNDS,
                    switches.get(0), switches.get(ROUNDS / 2), switches.get(ROUNDS - 1),
                    calls.get(0), calls.get(ROUNDS / 2), calls.get(ROUNDS - 1));
        }
    }
}
