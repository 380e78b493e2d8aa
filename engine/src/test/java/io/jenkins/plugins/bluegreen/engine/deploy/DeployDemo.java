package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.testbed.LoadGenerator;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo {@code engine/scripts/demo.sh} runs: three simulated hosts (sshd, podman and nginx each,
 * all on this machine's loopback), v1 deployed, then v2 blue-green while a client sends 200
 * requests a second through host 1's nginx. First the same load runs for 5 s with no deploy, the
 * control that shows the machine carries it. Prints every event, the per-phase timeline and how many
 * requests failed in each; fails when any did. Everything it started is gone when it ends.
 */
@Tag("demo")
class DeployDemo {
    private static final int RPS = 200;

    @RegisterExtension
    static final TestBed BED = TestBed.hosts(3).withPodman();

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    @TempDir
    Path dir;

    @Test
    void shouldDeployV1ThenV2UnderLoadWithoutLosingARequest() {
        say("== building the app images and loading them on 3 simulated hosts: " + BED.hosts());
        DeployScenario.loadImages(BED, TestImages.V1, TestImages.V2);
        // The watch judges the users' requests as each host's nginx logged them.
        var s = DeployScenario.withAccessLog(BED, nginx, dir, NginxServer.AccessLog.JSON, log -> List.of("  watch:", "    duration: 3s",
                "    interval: 500ms", "    not_enough_traffic: pass", "    traffic:", "      nginx: {access_log: " + log + "}"));
        try {
            say("== deploy v1 (first deploy: blue)");
            var v1 = s.deploy(e -> say("   " + e.line())).run(DeployPlan.of("v1", "demo"));
            say(v1.table());
            say("== host 1 answers: " + s.served(0));

            say("== control: the same " + RPS + " requests/s to " + s.publicUrl(0) + " for 5 s with no deploy");
            var control = LoadGenerator.control(s.publicUrl(0), RPS, Duration.ofSeconds(5));
            say("== control: " + control.summary());

            say("== deploy v2 blue-green while a client sends " + RPS + " requests/s to " + s.publicUrl(0));
            var load = LoadGenerator.start(s.publicUrl(0), RPS);
            var v2 = s.deploy(e -> say("   " + e.line())).run(DeployPlan.of("v2", "demo"));
            var stats = load.stop();
            say(v2.table());
            say("== timeline of the v2 deploy: " + v2.timeline());
            say("== the watch's verdict on v2: " + v2.watch().verdict() + ": " + v2.watch().summary());
            say("== load: " + stats.summary());
            say("== failed requests: control " + control.failed() + " of " + control.sent()
                    + ", during the deploy " + stats.failed() + " of " + stats.sent());
            say("== host 1 answers: " + s.served(0) + " (v1 stays warm on blue for an instant rollback)");
            // The demo is the claim: a lost request fails it, and demo.sh exits non-zero.
            assertThat(stats.failed()).as("requests failed during the deploy: " + stats.summary()).isZero();
        }
        finally {
            s.removeContainers();
            say("== cleaned up: containers removed; sshd and nginx stop with the test");
        }
    }

    private static void say(final String line) {
        System.out.println(line);
        System.out.flush();
    }
}
