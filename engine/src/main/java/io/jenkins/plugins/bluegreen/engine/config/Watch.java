package io.jenkins.plugins.bluegreen.engine.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Watching the new color after the switch: for {@code duration} (zero = no watch), every
 * {@code interval}, read what the users' traffic to the new color did (from {@code traffic}, else
 * from the watch's own probes) and roll back once the error rate or the p95 latency has been over
 * its limit for {@code breaches} intervals in a row. The old color keeps running for
 * {@code keepWarm} after the switch so a rollback is instant.
 *
 * <p>An interval with fewer than {@code minRequests} requests to the new color is not judged on its
 * own: its requests are added to the next one's, since 1 failure in 3 requests says nothing about a
 * release. When the whole watch never reached the minimum, {@code notEnoughTraffic} decides.
 *
 * @param healthy the deployment checklist's bar, recorded as the verdict of a release that held
 * @param maxExtension how long {@link NotEnoughTraffic#EXTEND} may watch past {@code duration}
 */
public record Watch(Duration duration, Duration interval, ErrorRate errorRate, Duration p95Latency, Duration keepWarm,
                    Healthy healthy, int breaches, int minRequests, NotEnoughTraffic notEnoughTraffic,
                    Duration maxExtension, WatchTraffic traffic) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** From the deployment checklist: response times under 2 s at p95. */
    public static final Duration DEFAULT_P95_LATENCY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_KEEP_WARM = Duration.ofMinutes(10);
    /** One bad interval is noise; two in a row is the release. */
    public static final int DEFAULT_BREACHES = 2;
    public static final int DEFAULT_MIN_REQUESTS = 20;
    private static final Set<String> KEYS = Set.of("duration", "interval", "error_rate", "p95_latency", "keep_warm",
            "healthy", "breaches", "min_requests", "not_enough_traffic", "max_extension", "traffic");

    /** What the watch does when the new color never got {@code min_requests} requests in the watch. */
    public enum NotEnoughTraffic {
        /** Keep watching, up to {@code max_extension} past the duration; the release stays if none came. */
        EXTEND,
        /** The release stays, recorded as not judged. */
        PASS,
        /** Switch back: a release nobody could judge does not stay. */
        FAIL
    }

    /** A watch with the given period and limits and every other setting at its default: for tests and callers in code. */
    public static Watch of(final Duration duration, final Duration interval, final ErrorRate errorRate,
                           final Duration p95Latency, final Duration keepWarm) {
        return new Watch(duration, interval, errorRate, p95Latency, keepWarm, Healthy.DEFAULT, DEFAULT_BREACHES,
                DEFAULT_MIN_REQUESTS, NotEnoughTraffic.EXTEND, duration, WatchTraffic.NONE);
    }

    public boolean enabled() {
        return !duration.isZero();
    }

    /**
     * The error rate limit in percent. Without {@code url} the watcher measures it itself from the
     * responses of the public URL; with {@code url} it reads a number from that JSON endpoint's
     * {@code jsonField}. Both only when {@code traffic} names no source of real traffic.
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

    /**
     * The deployment checklist's "healthy": an error rate and a p95 latency over the whole watch at
     * or under these. Not meeting it does not roll back (the limits above do); it is what the deploy
     * records, so a release that held but is not healthy is visible.
     */
    public record Healthy(double errorRatePercent, Duration p95Latency) {
        /** The checklist: error rate < 0.5 %, response times under 2 s at p95. */
        public static final Healthy DEFAULT = new Healthy(0.5, Duration.ofSeconds(2));

        static Healthy from(final ConfigNode node) {
            if (node.present() && !node.isMap()) {
                node.expected("a map with error_rate_percent and p95_latency");
            }
            node.allowKeys(Set.of("error_rate_percent", "p95_latency"), Set.of());
            return new Healthy(node.at("error_rate_percent").number(DEFAULT.errorRatePercent(), 0, 100),
                    node.at("p95_latency").duration(DEFAULT.p95Latency()));
        }
    }

    static Watch from(final ConfigNode node) {
        if (node.present() && !node.isMap()) {
            node.expected("a map of watch settings");
        }
        node.allowKeys(KEYS, Set.of());
        var duration = node.at("duration").duration(Duration.ZERO);
        var interval = node.at("interval").duration(DEFAULT_INTERVAL);
        if (interval.isZero()) {
            node.at("interval").expected("a duration longer than zero");
            interval = DEFAULT_INTERVAL;
        }
        return new Watch(duration, interval, ErrorRate.from(node.at("error_rate")),
                node.at("p95_latency").duration(DEFAULT_P95_LATENCY), node.at("keep_warm").duration(DEFAULT_KEEP_WARM),
                Healthy.from(node.at("healthy")), node.at("breaches").integer(DEFAULT_BREACHES, 1, 1000),
                node.at("min_requests").integer(DEFAULT_MIN_REQUESTS, 1, Integer.MAX_VALUE),
                node.at("not_enough_traffic").choice(NotEnoughTraffic.EXTEND),
                node.at("max_extension").duration(duration), WatchTraffic.from(node.at("traffic")));
    }
}
