package io.jenkins.plugins.bluegreen.steps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time every window and approval decision is made at. Tests replace both: a fixed clock to
 * stand on a Friday afternoon, and a short re-check interval so a held build notices quickly that
 * the clock moved on. Volatile, because timer threads read what a test thread set.
 */
final class DeployClock {
    private static final Clock SYSTEM = Clock.systemUTC();
    /**
     * A waiting step looks again at least this often, not only at the instant it computed: the
     * admins may change the policy while a build waits, and the clock may be adjusted.
     */
    private static final Duration RECHECK = Duration.ofMinutes(5);

    private static volatile Clock clock = SYSTEM;
    private static volatile Duration recheck = RECHECK;

    private DeployClock() {}

    static Instant now() {
        return clock.instant();
    }

    /** Milliseconds from now until {@code at} (0 when past), but never longer than the re-check interval. */
    static long delayUntil(final Instant at) {
        var delay = Duration.between(now(), at);
        if (delay.isNegative()) {
            return 0;
        }
        return Math.min(delay.toMillis(), recheck.toMillis());
    }

    /** For tests: decide at {@code fixed} and look again every {@code interval}. */
    static void use(final Clock fixed, final Duration interval) {
        clock = fixed;
        recheck = interval;
    }

    /** For tests: back to the real time and interval. */
    static void reset() {
        use(SYSTEM, RECHECK);
    }
}
