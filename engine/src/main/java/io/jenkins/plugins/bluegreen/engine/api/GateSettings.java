package io.jenkins.plugins.bluegreen.engine.api;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a health gate decides a release is healthy: poll every {@code interval}, pass after
 * {@code successes} consecutive healthy answers from every URL, give up after {@code timeout}.
 */
public record GateSettings(Duration interval, Duration timeout, int successes) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Fits the seed's checks (5 s apart) with room for a slow boot. */
    public static final GateSettings DEFAULTS = new GateSettings(Duration.ofSeconds(5), Duration.ofMinutes(2), 3);

    private static final int MOST_SUCCESSES = 100;

    public GateSettings {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new InvalidInputException("intervalSeconds: expected a positive number of seconds, got " + seconds(interval));
        }
        if (timeout == null || timeout.compareTo(interval) < 0) {
            throw new InvalidInputException("timeoutSeconds: expected at least the interval (" + interval.toSeconds()
                    + " s), got " + seconds(timeout));
        }
        if (successes < 1 || successes > MOST_SUCCESSES) {
            throw new InvalidInputException("successes: expected 1 to " + MOST_SUCCESSES
                    + " consecutive healthy answers, got " + successes);
        }
    }

    /** These settings with each non-null override in its place; overrides are in seconds, as steps take them. */
    public GateSettings overriddenBy(final Integer intervalSeconds, final Integer timeoutSeconds, final Integer successCount) {
        return new GateSettings(
                intervalSeconds == null ? interval : Duration.ofSeconds(intervalSeconds),
                timeoutSeconds == null ? timeout : Duration.ofSeconds(timeoutSeconds),
                successCount == null ? successes : successCount);
    }

    /**
     * How a deploy step gates the new color: {@code null}, meaning the config's {@code x-bluegreen.gate},
     * unless the step sets any of the three; then it polls its own way, the ones it leaves out taken
     * from {@code defaults}.
     */
    public static GateSettings forDeployStep(final GateSettings defaults, final Integer intervalSeconds,
                                             final Integer timeoutSeconds, final Integer successCount) {
        if (intervalSeconds == null && timeoutSeconds == null && successCount == null) {
            return null;
        }
        return defaults.overriddenBy(intervalSeconds, timeoutSeconds, successCount);
    }

    private static String seconds(final Duration d) {
        return d == null ? "nothing" : d.toSeconds() + " s";
    }
}
