package io.jenkins.plugins.bluegreen.engine.testbed;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link LoadGenerator} run saw.
 *
 * @param resent requests the client sent again on a fresh connection after the server closed the one they
 *               went out on (not failures: they were answered)
 * @param bodies how many successful responses carried each body (a backend's version)
 * @param failureSamples the first few failures, for the test's message
 */
public record LoadStats(long sent, long succeeded, long failed, long resent, Duration elapsed, Map<String, Long> bodies,
                        List<String> failureSamples) {
    /** Requests sent per second over the run. */
    public double rate() {
        return elapsed.isZero() ? 0 : sent * 1_000_000_000.0 / elapsed.toNanos();
    }

    /** One line for the test output. */
    public String summary() {
        return String.format(Locale.ROOT, "sent %d requests in %.1f s (%.0f/s), %d ok, %d failed, %d resent by the client,"
                        + " by body %s%s",
                sent, elapsed.toNanos() / 1e9, rate(), succeeded, failed, resent, bodies,
                failureSamples.isEmpty() ? "" : ", first failures " + failureSamples);
    }
}
