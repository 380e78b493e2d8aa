package io.jenkins.plugins.bluegreen.engine.health;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.time.Duration;

/**
 * How the health gate polls and what it accepts.
 *
 * @param interval pause between rounds of requests
 * @param requestTimeout limit for one request, connect to last byte
 * @param deadline give up when the next round would start after this; {@code null} to bound by attempts only
 * @param maxAttempts give up after this many rounds; 0 to bound by the deadline only
 * @param successes consecutive passing responses a URL needs (one lucky answer from a flapping app is not health)
 * @param status statuses that pass
 * @param jsonStatus if set, the body must be JSON whose {@code status} equals it
 */
public record GateSettings(Duration interval, Duration requestTimeout, Duration deadline, int maxAttempts,
                           int successes, StatusRange status, String jsonStatus) {
    public GateSettings {
        positive("gate.timeout", requestTimeout);
        if (interval == null || interval.isNegative()) {
            throw new InvalidInputException("gate.interval: expected a duration of 0s or more, got " + (interval == null ? "none" : GateResult.seconds(interval)));
        }
        if (deadline != null) {
            positive("gate.deadline", deadline);
        }
        if (maxAttempts < 0) {
            throw new InvalidInputException("gate.max_attempts: expected 1 or more (or 0 for no limit), got " + maxAttempts);
        }
        if (deadline == null && maxAttempts == 0) {
            throw new InvalidInputException("gate: expected a deadline or max_attempts, got neither; the gate would never give up");
        }
        if (successes < 1) {
            throw new InvalidInputException("gate.successes: expected 1 or more, got " + successes);
        }
        status = status == null ? StatusRange.SUCCESS : status;
    }

    /** One passing answer from a 2xx, polled every 2s for at most 60s, each request allowed 5s. */
    public static GateSettings defaults() {
        return new GateSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60), 0, 1,
                StatusRange.SUCCESS, null);
    }

    private static void positive(final String key, final Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInputException(key + ": expected a positive duration, got " + (d == null ? "none" : GateResult.seconds(d)));
        }
    }
}
