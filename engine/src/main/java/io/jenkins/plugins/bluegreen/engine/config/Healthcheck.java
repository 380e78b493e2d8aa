package io.jenkins.plugins.bluegreen.engine.config;

import java.time.Duration;
import java.util.Set;

/**
 * How to tell a freshly started container is up: an HTTP GET of {@code path} on the container's
 * {@code port}. Read from Kamal 1's top-level {@code healthcheck} and Kamal 2's
 * {@code proxy.healthcheck}; when both are written, Kamal 2's settings win.
 */
public record Healthcheck(String path, int port, Duration interval, Duration timeout, int maxAttempts) {
    public static final String DEFAULT_PATH = "/up";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 7;

    private static final Set<String> KAMAL1_KEYS = Set.of("path", "port", "interval", "timeout", "max_attempts");
    private static final Set<String> KAMAL1_ONLY = Set.of("cmd", "cord", "log_lines");
    private static final Set<String> KAMAL2_KEYS = Set.of("path", "interval", "timeout");

    static Healthcheck from(final ConfigNode kamal1, final ConfigNode kamal2, final int appPort) {
        kamal1.allowKeys(KAMAL1_KEYS, KAMAL1_ONLY);
        kamal2.allowKeys(KAMAL2_KEYS, Set.of());
        if (kamal1.present() && !kamal1.isMap()) {
            kamal1.expected("a map with path, port, interval, timeout and max_attempts");
        }
        if (kamal2.present() && !kamal2.isMap()) {
            kamal2.expected("a map with path, interval and timeout");
        }
        var path = path(kamal2.at("path"), path(kamal1.at("path"), DEFAULT_PATH));
        var interval = kamal2.at("interval").duration(kamal1.at("interval").duration(DEFAULT_INTERVAL));
        var timeout = kamal2.at("timeout").duration(kamal1.at("timeout").duration(DEFAULT_TIMEOUT));
        return new Healthcheck(path, kamal1.at("port").port(appPort), interval, timeout,
                kamal1.at("max_attempts").integer(DEFAULT_MAX_ATTEMPTS, 1, Integer.MAX_VALUE));
    }

    static String path(final ConfigNode node, final String fallback) {
        var path = node.text("a URL path like /health", fallback);
        if (!path.startsWith("/")) {
            node.expected("a URL path starting with /");
            return fallback;
        }
        return path;
    }
}
