package io.jenkins.plugins.bluegreen.steps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time every window and approval decision is made at. Tests replace both fields: a fixed clock
 * to stand on a Friday afternoon, and a short re-check interval so a held build notices quickly
 * that the clock moved on.
 */
final class DeployClock {
    /** Not final so tests can fix the time. */
    static Clock clock = Clock.systemUTC();

    /**
     * A waiting step looks again at least this often, not only at the instant it computed: the
     * admins may change the policy while a build waits, and the clock may be adjusted.
     */
    static Duration recheck = Duration.ofMinutes(5);

    private DeployClock() {}

    static Instant now() {
        return clock.instant();
    }

    /** Milliseconds from now until {@code at} (0 when past), but never longer than {@link #recheck}. */
    static long delayUntil(final Instant at) {
        var delay = Duration.between(now(), at);
        if (delay.isNegative()) {
            return 0;
        }
        return Math.min(delay.toMillis(), recheck.toMillis());
    }
}
