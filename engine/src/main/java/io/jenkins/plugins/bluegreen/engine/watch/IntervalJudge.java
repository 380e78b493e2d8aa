package io.jenkins.plugins.bluegreen.engine.watch;

import static io.jenkins.plugins.bluegreen.engine.watch.Figures.percent;
import static io.jenkins.plugins.bluegreen.engine.watch.Figures.seconds;

import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.config.Watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges one source's readings, interval by interval, against the watch's limits. One interval
 * over a limit is a breach; {@code breaches} in a row roll the release back, so a single bad
 * interval (a deploy-time blip, one slow batch) does not undo a release. A reading that could not be
 * taken is a breach too: a watch that cannot see is not a watch that passed.
 *
 * <p>An interval with fewer requests than {@code min_requests} is not judged on its own; its
 * requests wait for the next interval's, so a rate is never taken over a handful of requests.
 */
public final class IntervalJudge {
    private final String source;
    private final boolean countsRequests;
    private final Watch watch;
    private final List<WatchReport.Point> points = new ArrayList<>();
    private Reading waiting;
    private Reading total;
    private int inARow;
    private int judged;
    private double worstErrorPercent = -1;
    private Duration worstP95;
    private final List<String> breachFigures = new ArrayList<>();

    public IntervalJudge(final String source, final boolean countsRequests, final Watch watch) {
        this.source = source;
        this.countsRequests = countsRequests;
        this.watch = watch;
    }

    /** A verdict on one interval: the point as recorded, and why to roll back once breaches ran out. */
    public record Step(WatchReport.Point point, Optional<String> rollBack) {
    }

    /**
     * Takes the reading of the interval that ended {@code atMillis} after the switch.
     */
    public Step add(final long atMillis, final Reading reading) {
        if (!reading.ok()) {
            return breach(atMillis, reading, reading.problem());
        }
        var judging = countsRequests && waiting != null ? waiting.plus(reading) : reading;
        if (countsRequests && judging.requests() >= 0 && judging.requests() < watch.minRequests()) {
            waiting = judging;
            return record(atMillis, judging, "not judged yet: " + judging.requests() + " request(s), fewer than "
                    + watch.minRequests(), Optional.empty());
        }
        waiting = null;
        judged++;
        total = total == null ? judging : total.plus(judging);
        var error = judging.errorPercent();
        var p95 = judging.p95();
        error.ifPresent(e -> worstErrorPercent = Math.max(worstErrorPercent, e));
        p95.ifPresent(p -> worstP95 = worstP95 == null || p.compareTo(worstP95) > 0 ? p : worstP95);
        var over = over(error, p95, watch.errorRate().maxPercent(), watch.p95Latency());
        if (over.isEmpty()) {
            inARow = 0;
            breachFigures.clear();
            return record(atMillis, judging, "", Optional.empty());
        }
        return breach(atMillis, judging, over.get());
    }

    /** Which figures are over which limit: {@code error rate 10.00% > 5.00%, p95 2.40s > 2.00s}; empty when none. */
    private static Optional<String> over(final Optional<Double> error, final Optional<Duration> p95,
                                         final double maxErrorPercent, final Duration maxP95) {
        var over = new ArrayList<String>();
        error.filter(e -> e > maxErrorPercent)
                .ifPresent(e -> over.add("error rate " + percent(e) + " > " + percent(maxErrorPercent)));
        p95.filter(p -> p.compareTo(maxP95) > 0).ifPresent(p -> over.add("p95 " + seconds(p) + " > " + seconds(maxP95)));
        return over.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", over));
    }

    private Step breach(final long atMillis, final Reading reading, final String what) {
        inARow++;
        breachFigures.add(reading.detail() == null ? what : what + " (" + reading.detail() + ")");
        var note = "breach " + inARow + "/" + watch.breaches() + ": " + what
                + (reading.detail() == null ? "" : " (" + reading.detail() + ")");
        if (inARow < watch.breaches()) {
            return record(atMillis, reading, note, Optional.empty());
        }
        var why = source + ": " + (inARow == 1 ? what : inARow + " intervals in a row over the limits ("
                + String.join("; ", breachFigures) + ")");
        return record(atMillis, reading, note, Optional.of(why));
    }

    private Step record(final long atMillis, final Reading reading, final String note, final Optional<String> rollBack) {
        var point = new WatchReport.Point(atMillis, reading.ok() ? reading.requests() : -1,
                reading.errorPercent().orElse(null), reading.p95().map(Duration::toMillis).orElse(null), note);
        points.add(point);
        return new Step(point, rollBack);
    }

    /** Whether at least one interval had enough traffic to be judged. */
    public boolean judgedAny() {
        return judged > 0;
    }

    /**
     * The figures over the whole watch: for a source that counts requests, all of them together;
     * for one that measures, its worst interval.
     */
    public Optional<Double> errorPercent() {
        if (total != null && total.byRequest()) {
            return total.errorPercent();
        }
        return worstErrorPercent < 0 ? Optional.empty() : Optional.of(worstErrorPercent);
    }

    /** The p95 over the whole watch, as {@link #errorPercent()}. */
    public Optional<Duration> p95() {
        if (total != null && total.byRequest()) {
            return total.p95();
        }
        return Optional.ofNullable(worstP95);
    }

    /** Why this source's traffic was not "healthy" by the checklist, or empty when it was (or could not say). */
    public Optional<String> unhealthy() {
        var healthy = watch.healthy();
        return over(errorPercent(), p95(), healthy.errorRatePercent(), healthy.p95Latency())
                .map(why -> source + ": " + why);
    }

    /** The source's figures over the watch, in one line: {@code error rate 0.20%, p95 0.01s over 2400 requests}. */
    public String figures() {
        var parts = new ArrayList<String>();
        errorPercent().ifPresent(e -> parts.add("error rate " + percent(e)));
        p95().ifPresent(p -> parts.add("p95 " + seconds(p)));
        if (total != null && total.byRequest()) {
            return String.join(", ", parts) + " over " + total.requests() + " request(s)";
        }
        return parts.isEmpty() ? "no figures" : String.join(", ", parts) + " in its worst interval";
    }

    public WatchReport.Series series() {
        return new WatchReport.Series(source, points, errorPercent().orElse(null), p95().map(Duration::toMillis).orElse(null));
    }

    public String source() {
        return source;
    }

}
