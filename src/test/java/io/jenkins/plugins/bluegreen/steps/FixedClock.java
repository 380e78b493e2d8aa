package io.jenkins.plugins.bluegreen.steps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Stands the plugin's decisions at a chosen instant; waiting steps look again every 100 ms. */
final class FixedClock {
    private static final Duration RECHECK = Duration.ofMillis(100);

    private FixedClock() {}

    static void at(final Instant now) {
        DeployClock.use(Clock.fixed(now, ZoneOffset.UTC), RECHECK);
    }
}
