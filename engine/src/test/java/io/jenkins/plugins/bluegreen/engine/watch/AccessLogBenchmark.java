package io.jenkins.plugins.bluegreen.engine.watch;

import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one interval's read of nginx's access log costs over SSH, by how many requests the interval
 * held: the number to hold against {@code watch.interval} on a busy site (one read per host per
 * interval). Prints figures; asserts nothing about time.
 */
@Tag("benchmark")
class AccessLogBenchmark {
    private static final int ROUNDS = 5;
    private static final int NEW_COLOR_PORT = 3002;

    @RegisterExtension
    static final TestBed BED = TestBed.hosts(1);

    @Test
    void shouldPrintWhatReadingAnIntervalCostsByItsRequests() throws Exception {
        var dir = Files.createDirectories(BED.dir(0).resolve("bench-log"));
        var file = dir.resolve("bluegreen.json");
        Files.write(file, new byte[0]);
        var settings = new WatchTraffic.NginxLog(TestBed.view().resolve("bench-log/bluegreen.json").toString(),
                WatchTraffic.NginxLog.DEFAULT_ERRORS, Optional.empty());
        try (var connection = BED.connector().connect(BED.host(0))) {
            var release = new WatchedRelease("shop", "green", "v2", NEW_COLOR_PORT, List.of(connection),
                    Duration.ofSeconds(10));
            var source = new NginxLogSource(settings, release);
            source.check();
            source.start();
            System.out.println("access log read over SSH, one host, median of " + ROUNDS + " reads:");
            for (int requests : new int[] {1_000, 10_000, 100_000}) {
                var lines = lines(requests);
                var millis = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    Files.writeString(file, lines, StandardOpenOption.APPEND);
                    long started = System.nanoTime();
                    var reading = source.read();
                    millis[r] = (System.nanoTime() - started) / 1e6;
                    if (reading.requests() != requests) {
                        throw new AssertionError("read " + reading + ", expected " + requests + " requests");
                    }
                }
                System.out.printf(Locale.ROOT, "  %,7d requests in the interval (%.1f MB): %.0f ms per read%n",
                        requests, lines.length() / 1e6, median(millis));
            }
        }
    }

    /** {@code count} lines as the documented log_format writes them, every 50th a 502, all to the new color. */
    private static String lines(final int count) {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("{\"time\":\"2026-12-04T10:00:00+00:00\",\"status\":").append(i % 50 == 0 ? 502 : 200)
                    .append(",\"request_time\":0.012,\"upstream_addr\":\"127.0.0.1:").append(NEW_COLOR_PORT)
                    .append("\",\"uri\":\"/checkout?cart=").append(i).append("\"}\n");
        }
        return text.toString();
    }

    private static double median(final double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
