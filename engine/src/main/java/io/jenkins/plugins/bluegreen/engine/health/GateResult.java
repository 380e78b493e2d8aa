package io.jenkins.plugins.bluegreen.engine.health;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How one URL fared at the gate.
 *
 * @param attempts requests made to it
 * @param lastStatus the last HTTP status seen, or -1 when no response ever came
 * @param failure why it did not pass (masked, with a body excerpt unless the gate leaves them out), {@code null} when it passed
 */
public record GateResult(GateTarget target, boolean passed, int attempts, Duration elapsed, int lastStatus,
                         String failure) {
    /** {@code web-2: http://.../health/ready: check redis: false (status 200, body: ...) after 5 attempts in 10.0s}. */
    public String describe() {
        var how = passed ? "healthy" : failure;
        return target.host() + ": " + target.url() + ": " + how + " after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " in " + seconds(elapsed);
    }

    static String seconds(final Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    public static boolean allPassed(final List<GateResult> results) {
        return results.stream().allMatch(GateResult::passed);
    }

    /** The results if every URL passed; otherwise a failure listing each URL that did not. */
    public static List<GateResult> orThrow(final List<GateResult> results) {
        if (allPassed(results)) {
            return results;
        }
        throw new DeployFailedException("health gate failed:\n  " + results.stream().filter(r -> !r.passed())
                .map(GateResult::describe).collect(Collectors.joining("\n  ")));
    }
}
