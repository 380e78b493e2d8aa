package io.jenkins.plugins.bluegreen.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.testbed.LoadGenerator;
import io.jenkins.plugins.bluegreen.engine.testbed.LocalShell;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.VersionServer;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim of the whole plugin, on a real nginx: a client sending a steady stream of requests
 * over kept-alive connections sees no failed request while traffic flips between two releases.
 */
class ZeroDowntimeSwitchTest {
    private static final int RPS = 250;
    private static final long SETTLE_MILLIS = 700;

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    @Test
    void shouldLoseNoRequestWhileSwitchingFiveTimesUnderLoad() throws Exception {
        try (var blue = VersionServer.start("v1"); var green = VersionServer.start("v2")) {
            var blueTarget = new Target("app", "blue", blue.port(), "v1");
            var greenTarget = new Target("app", "green", green.port(), "v2");
            var server = nginx.start(blueTarget);
            var traffic = new NginxSwitch(server.settings(), EventSink.discard());
            var host = LocalShell.host("web-1");

            var load = LoadGenerator.start(server.url(), RPS);
            long switchNanos = 0;
            for (Target next : List.of(greenTarget, blueTarget, greenTarget, blueTarget, greenTarget)) {
                Thread.sleep(SETTLE_MILLIS);
                long started = System.nanoTime();
                traffic.switchTo(host, next);
                switchNanos += System.nanoTime() - started;
            }
            Thread.sleep(SETTLE_MILLIS);
            var stats = load.stop();

            System.out.printf("zero-downtime: 5 switches under load (%.0f ms per switch incl. verify): %s%n",
                    switchNanos / 5 / 1e6, stats.summary());
            assertThat(stats.failed()).as(stats.summary()).isZero();
            assertThat(stats.succeeded()).isEqualTo(stats.sent());
            assertThat(stats.bodies()).containsOnlyKeys("v1", "v2");
        }
    }
}
