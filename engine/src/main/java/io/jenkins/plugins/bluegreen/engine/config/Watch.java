package io.jenkins.plugins.bluegreen.engine.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Watching the new color after the switch: for {@code duration} (zero = no watch), every
 * {@code interval}, roll back if the error rate or the p95 latency goes over its limit. The old
 * color keeps running for {@code keepWarm} after the switch so a rollback is instant.
 */
public record Watch(Duration duration, Duration interval, ErrorRate errorRate, Duration p95Latency, Duration keepWarm) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** From the deployment checklist: response times under 2 s at p95. */
    public static final Duration DEFAULT_P95_LATENCY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_KEEP_WARM = Duration.ofMinutes(10);
    private static final Set<String> KEYS = Set.of("duration", "interval", "error_rate", "p95_latency", "keep_warm");

    public boolean enabled() {
        return !duration.isZero();
    }

    /**
     * The error rate limit in percent. Without {@code url} the watcher measures it itself from the
     * responses of the public URL; with {@code url} it reads a number from that JSON endpoint's
     * {@code jsonField}.
     */
    public record ErrorRate(Optional<String> url, Optional<String> jsonField, double maxPercent) {
        /** As in the procedure this plugin automates: roll back on {@code error_rate > 5%}. */
        public static final double DEFAULT_MAX_PERCENT = 5;
        private static final Set<String> KEYS = Set.of("url", "json_field", "max_percent");

        static ErrorRate from(final ConfigNode node) {
            if (node.present() && !node.isMap()) {
                node.expected("a map with url, json_field and max_percent");
            }
            node.allowKeys(KEYS, Set.of());
            var url = node.at("url").map(n -> Optional.of(Traffic.url(n, "")), Optional.<String>empty()).filter(u -> !u.isEmpty());
            var field = node.at("json_field").text("a JSON field name like error_rate");
            if (field.isPresent() && url.isEmpty()) {
                node.at("json_field").error("needs error_rate/url: the JSON endpoint to read the field from");
            }
            return new ErrorRate(url, field, node.at("max_percent").number(DEFAULT_MAX_PERCENT, 0, 100));
        }
    }

    static Watch from(final ConfigNode node) {
        if (node.present() && !node.isMap()) {
            node.expected("a map of watch settings");
        }
        node.allowKeys(KEYS, Set.of());
        return new Watch(node.at("duration").duration(Duration.ZERO), node.at("interval").duration(DEFAULT_INTERVAL),
                ErrorRate.from(node.at("error_rate")), node.at("p95_latency").duration(DEFAULT_P95_LATENCY),
                node.at("keep_warm").duration(DEFAULT_KEEP_WARM));
    }
}
