package io.jenkins.plugins.bluegreen.engine.config;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.health.GateSettings;
import io.jenkins.plugins.bluegreen.engine.health.StatusRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The health gate a new color must pass before traffic moves: every path answers with a status in
 * {@code status} (and, if set, a JSON {@code status} field equal to {@code jsonStatus}) for
 * {@code successes} polls in a row. Polling stops at {@code deadline} or after {@code maxAttempts}
 * polls, whichever comes first.
 */
public record Gate(List<Path> paths, Via via, Duration interval, Duration timeout, Duration deadline,
        int maxAttempts, int successes, StatusRange status, Optional<String> jsonStatus) {
    private static final Set<String> KEYS = Set.of("paths", "via", "interval", "timeout", "deadline", "max_attempts",
            "successes", "status", "json_status", "require_checks");

    public Gate {
        paths = List.copyOf(paths);
    }

    /** How the engine reaches the container's port: through an SSH tunnel, or straight over the network. */
    public enum Via { TUNNEL, DIRECT }

    /**
     * One URL path to poll. With {@code requireChecks}, every entry of the body's {@code checks} map
     * must be true, as in a readiness endpoint reporting database, redis and queue.
     */
    public record Path(String path, boolean requireChecks) {
    }

    /**
     * This gate polling every {@code everyInterval} until {@code until}, passing after {@code inARow}
     * healthy answers: how a pipeline step overrides the config for one deploy. The attempt limit is
     * lifted, so the step's deadline is the one that ends the gate.
     */
    public Gate withPolling(final Duration everyInterval, final Duration until, final int inARow) {
        return new Gate(paths, via, everyInterval, timeout, until, 0, inARow, status, jsonStatus);
    }

    /** The settings the health gate polls with: this section, with Kamal's healthcheck as its defaults. */
    public GateSettings settings() {
        return new GateSettings(interval, timeout, deadline, maxAttempts, successes, status, jsonStatus.orElse(null));
    }

    private static StatusRange status(final ConfigNode node) {
        if (!node.present()) {
            return StatusRange.SUCCESS;
        }
        try {
            return StatusRange.parse(node.json().isValueNode() ? node.json().asText() : "");
        }
        catch (InvalidInputException e) {
            node.expected("an HTTP status or range like 200 or 200-299");
            return StatusRange.SUCCESS;
        }
    }

    static Gate from(final ConfigNode node, final Healthcheck healthcheck, final Duration deployTimeout) {
        if (node.present() && !node.isMap()) {
            node.expected("a map of health gate settings");
        }
        node.allowKeys(KEYS, Set.of());
        var requireChecks = node.at("require_checks");
        var paths = new ArrayList<Path>();
        for (String p : pathTexts(node.at("paths"), healthcheck.path())) {
            // Readiness endpoints report per-dependency checks; liveness and plain health ones usually do not.
            paths.add(new Path(p, requireChecks.bool(p.endsWith("/ready"))));
        }
        return new Gate(paths, node.at("via").choice(Via.TUNNEL), node.at("interval").duration(healthcheck.interval()),
                node.at("timeout").duration(healthcheck.timeout()), node.at("deadline").duration(deployTimeout),
                node.at("max_attempts").integer(healthcheck.maxAttempts(), 1, Integer.MAX_VALUE),
                node.at("successes").integer(1, 1, Integer.MAX_VALUE), status(node.at("status")),
                node.at("json_status").text("the expected value of the body's status field"));
    }

    private static List<String> pathTexts(final ConfigNode node, final String fallback) {
        if (!node.present()) {
            return List.of(fallback);
        }
        var paths = new ArrayList<String>();
        for (ConfigNode item : node.items("a list of URL paths like [/health, /health/ready]")) {
            var path = Healthcheck.path(item, "");
            if (!path.isEmpty()) {
                paths.add(path);
            }
        }
        if (node.isList() && node.json().isEmpty()) {
            node.error("expected at least one URL path, got an empty list");
        }
        return paths.isEmpty() ? List.of(fallback) : paths;
    }
}
