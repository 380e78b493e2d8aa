package io.jenkins.plugins.bluegreen.engine.api;

import java.io.Serializable;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the watch after a switch saw and decided, for every place people look: the CLI, the build
 * log, the build's deployment page (its chart) and the team's chat. Plain values, so it crosses the
 * agent channel with the outcome or the failure.
 *
 * @param summary the decision in one line: why it rolled back, or the verdict with its figures
 * @param series one per traffic source, in the order the config names them
 */
public record WatchReport(Verdict verdict, String summary, Limits limits, List<Series> series) implements Serializable {
    private static final long serialVersionUID = 1L;

    public WatchReport {
        series = List.copyOf(series);
    }

    /**
     * This report with {@code mask} applied to every text in it: a summary or a note can quote what
     * a source returned (a log line, a server's error), and the report goes to the build's record and
     * the chat, past the masking of the build log.
     */
    public WatchReport masked(final UnaryOperator<String> mask) {
        return new WatchReport(verdict, mask.apply(summary), limits, series.stream()
                .map(s -> new Series(mask.apply(s.source()), s.points().stream()
                        .map(p -> new Point(p.atMillis(), p.requests(), p.errorPercent(), p.p95Millis(), mask.apply(p.note())))
                        .toList(), s.errorPercent(), s.p95Millis()))
                .toList());
    }

    public enum Verdict {
        /** Held, and within the checklist's "healthy" bar over the whole watch. */
        HEALTHY,
        /** Held (never over the rollback limits long enough) but not within the "healthy" bar. */
        HELD,
        /** Too little traffic to judge; the release stayed as {@code not_enough_traffic} says. */
        NOT_JUDGED,
        /** Over a limit for too many intervals in a row (or no data): traffic went back. */
        ROLLED_BACK
    }

    /**
     * The limits the watch judged by.
     *
     * @param breaches how many intervals in a row over a limit roll back
     */
    public record Limits(double maxErrorPercent, long maxP95Millis, double healthyErrorPercent, long healthyP95Millis,
                         int breaches) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One source's figures: per interval, and over the whole watch where the source counts requests.
     *
     * @param errorPercent over the whole watch, or {@code null}
     * @param p95Millis over the whole watch, or {@code null}
     */
    public record Series(String source, List<Point> points, Double errorPercent, Long p95Millis) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Series {
            points = List.copyOf(points);
        }
    }

    /**
     * One judged (or failed) interval.
     *
     * @param atMillis when it ended, from the switch
     * @param requests requests in it, or -1 when the source does not count them
     * @param errorPercent or {@code null} when the source had none
     * @param p95Millis or {@code null}
     * @param note what the interval meant: {@code breach 1/2: error rate 10.00% > 5%}, {@code no data: ...}; empty when fine
     */
    public record Point(long atMillis, long requests, Double errorPercent, Long p95Millis, String note)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
