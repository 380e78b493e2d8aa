package io.jenkins.plugins.bluegreen.engine.watch;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What one source saw of the new color's traffic in one interval. Either counted (each request
 * seen: the access log, the watch's own probes), so intervals can be added up and a percentile
 * taken over all of them, or measured (a number someone else computed: a Prometheus query, an
 * app's own error-rate endpoint). A reading with a {@code problem} could not be taken and counts
 * against the release like a breach: silence is not health.
 *
 * @param requests requests to the new color, or -1 when the source does not count them
 * @param errors of those, the ones counted as errors, or -1
 * @param latenciesMillis each counted request's time, for percentiles; empty when measured
 * @param measuredErrorPercent the error rate a source computed, overriding the count's
 * @param measuredP95 the p95 a source computed, overriding the count's
 * @param problem why there is no reading, or {@code null}
 * @param detail what people should see besides the figures (which host failed how), or {@code null}
 */
public record Reading(long requests, long errors, long[] latenciesMillis, Double measuredErrorPercent,
                      Duration measuredP95, String problem, String detail) {
    public Reading {
        latenciesMillis = latenciesMillis.clone();
    }

    /** Requests seen one by one. */
    public static Reading counted(final long errors, final long... latenciesMillis) {
        return new Reading(latenciesMillis.length, errors, latenciesMillis, null, null, null, null);
    }

    /** Figures a source computed; {@code requests} may be -1 (not known), either figure {@code null}. */
    public static Reading measured(final long requests, final Double errorPercent, final Duration p95) {
        return new Reading(requests, -1, new long[0], errorPercent, p95, null, null);
    }

    /** No reading: the source failed or had no data, and says why. */
    public static Reading failed(final String problem) {
        return new Reading(-1, -1, new long[0], null, null, problem, null);
    }

    /** This reading with a note for people, such as which host answered what. */
    public Reading withDetail(final String note) {
        return new Reading(requests, errors, latenciesMillis, measuredErrorPercent, measuredP95, problem, note);
    }

    /** This reading with the error rate a source computed in place of the count's. */
    public Reading withErrorPercent(final double percent) {
        return new Reading(requests, errors, latenciesMillis, percent, measuredP95, problem, detail);
    }

    public boolean ok() {
        return problem == null;
    }

    /** Whether the figures come from requests seen one by one, so readings add up over a watch. */
    public boolean byRequest() {
        return ok() && measuredErrorPercent == null && measuredP95 == null;
    }

    /** The error rate in percent, when there is one. */
    public Optional<Double> errorPercent() {
        if (measuredErrorPercent != null) {
            return Optional.of(measuredErrorPercent);
        }
        return requests > 0 && errors >= 0 ? Optional.of(errors * 100.0 / requests) : Optional.empty();
    }

    /** The 95th percentile latency, when there is one: nearest-rank over the counted requests. */
    public Optional<Duration> p95() {
        if (measuredP95 != null) {
            return Optional.of(measuredP95);
        }
        if (latenciesMillis.length == 0) {
            return Optional.empty();
        }
        var sorted = latenciesMillis.clone();
        Arrays.sort(sorted);
        return Optional.of(Duration.ofMillis(sorted[(int) Math.ceil(sorted.length * 0.95) - 1]));
    }

    /** This reading and a later one of the same source as one; only counted readings add up. */
    public Reading plus(final Reading later) {
        if (!byRequest() || !later.byRequest()) {
            return later;
        }
        var all = Arrays.copyOf(latenciesMillis, latenciesMillis.length + later.latenciesMillis.length);
        System.arraycopy(later.latenciesMillis, 0, all, latenciesMillis.length, later.latenciesMillis.length);
        return new Reading(requests + later.requests, errors + later.errors, all, null, null, null, later.detail);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Reading r && requests == r.requests && errors == r.errors
                && Arrays.equals(latenciesMillis, r.latenciesMillis) && Objects.equals(measuredErrorPercent,
                r.measuredErrorPercent) && Objects.equals(measuredP95, r.measuredP95)
                && Objects.equals(problem, r.problem) && Objects.equals(detail, r.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requests, errors, Arrays.hashCode(latenciesMillis), measuredErrorPercent, measuredP95,
                problem, detail);
    }

    @Override
    public String toString() {
        return ok() ? "Reading[requests=" + requests + ", errors=" + errors + ", errorPercent=" + errorPercent().orElse(null)
                + ", p95=" + p95().orElse(null) + "]" : "Reading[" + problem + "]";
    }
}
