package io.jenkins.plugins.bluegreen.engine.watch;

import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;

import java.time.Duration;

/**
 * One of the configured PromQL queries, as written, with the {@link WatchTraffic.Prometheus#PLACEHOLDERS}
 * still in it. Rendering puts the release's values in as they are, without escaping: the query's
 * author writes the quotes around them, as in {@code color="{{color}}"}.
 *
 * @param name the query's key under {@code queries}: {@code error_rate}, {@code p95_latency} or {@code requests}
 * @param template the query as configured
 */
public record PromQuery(String name, String template) {
    /** The query for {@code release}, ready to send. */
    public String render(final WatchedRelease release) {
        return template.replace("{{color}}", release.color())
                .replace("{{version}}", release.version())
                .replace("{{service}}", release.service())
                .replace("{{interval}}", duration(release.interval()));
    }

    /**
     * {@code d} as a Prometheus duration in the largest unit that holds it exactly ({@code 2m},
     * {@code 90s}, {@code 500ms}): one number and one unit, the plainest form PromQL reads, so a
     * rendered query reads the same on old and new servers.
     */
    static String duration(final Duration d) {
        long millis = d.toMillis();
        if (millis > 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis > 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
