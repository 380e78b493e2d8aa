package io.jenkins.plugins.bluegreen.engine.report;

import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a {@link DeploymentRecord} keeps of the watch after a switch: the verdict, its one-line
 * summary, the limits it judged by, and every source's per-interval figures, for the deployment
 * page (its table and {@link WatchChart}) and the team's chat. Plain final classes with
 * {@link ArrayList} fields, like the record itself: the build's XML is written by reflection, which
 * neither records nor the JDK's immutable lists survive on Java 17+.
 */
public final class WatchSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String verdict;
    private final String summary;
    private final double maxErrorPercent;
    private final long maxP95Millis;
    private final double healthyErrorPercent;
    private final long healthyP95Millis;
    private final int breaches;
    private final List<Source> sources;

    private WatchSummary(final WatchReport report) {
        this.verdict = report.verdict().name();
        this.summary = report.summary();
        var limits = report.limits();
        this.maxErrorPercent = limits.maxErrorPercent();
        this.maxP95Millis = limits.maxP95Millis();
        this.healthyErrorPercent = limits.healthyErrorPercent();
        this.healthyP95Millis = limits.healthyP95Millis();
        this.breaches = limits.breaches();
        this.sources = new ArrayList<>(report.series().stream().map(Source::new).toList());
    }

    /** What to keep of a watch, or {@code null} when nothing was watched. */
    static WatchSummary of(final WatchReport report) {
        return report == null ? null : new WatchSummary(report);
    }

    /** {@code HEALTHY}, {@code HELD}, {@code NOT_JUDGED} or {@code ROLLED_BACK}. */
    public String getVerdict() {
        return verdict;
    }

    /** The decision in one line, as the watch gave it. */
    public String getSummary() {
        return summary;
    }

    /** The verdict and its summary in one line, e.g. {@code HEALTHY: error rate 0.1%, p95 120 ms}. */
    public String getLine() {
        return summary == null || summary.isBlank() ? verdict : verdict + ": " + summary;
    }

    /** The limits in one line: what rolls back and what counts as healthy. */
    public String getLimits() {
        return "roll back at error rate over " + number(maxErrorPercent) + "% or p95 over " + maxP95Millis + " ms, "
                + breaches + " in a row; healthy at error rate up to " + number(healthyErrorPercent) + "% and p95 up to "
                + healthyP95Millis + " ms";
    }

    public List<Source> getSources() {
        return Collections.unmodifiableList(sources);
    }

    /** Every interval of every source, source by source, for the page's one table. */
    public List<Point> getPoints() {
        return sources.stream().flatMap(source -> source.points.stream()).toList();
    }

    double maxErrorPercent() {
        return maxErrorPercent;
    }

    long maxP95Millis() {
        return maxP95Millis;
    }

    double healthyErrorPercent() {
        return healthyErrorPercent;
    }

    long healthyP95Millis() {
        return healthyP95Millis;
    }

    /**
     * One source's intervals in the compact form a chat message can carry, e.g.
     * {@code requests 120, 98; error rate 0.1%, 12% (limit 5%, 2 in a row); p95 80, 95 ms (limit 2000 ms)}.
     * An interval without a figure shows as {@code -}.
     */
    String figures(final Source source) {
        var parts = new ArrayList<String>();
        if (source.points.stream().anyMatch(point -> point.requests >= 0)) {
            parts.add("requests " + series(source, point -> point.requests < 0 ? null : String.valueOf(point.requests)));
        }
        parts.add("error rate " + series(source, point -> point.errorPercent == null ? null : number(point.errorPercent) + "%")
                + " (limit " + number(maxErrorPercent) + "%, " + breaches + " in a row)");
        parts.add("p95 " + series(source, point -> point.p95Millis == null ? null : point.p95Millis.toString())
                + " ms (limit " + maxP95Millis + " ms)");
        return String.join("; ", parts);
    }

    private static String series(final Source source, final Function<Point, String> figure) {
        return source.points.stream().map(figure).map(shown -> shown == null ? "-" : shown)
                .collect(Collectors.joining(", "));
    }

    /** At most two decimals and no trailing zeros, whatever the locale: {@code 0.1}, {@code 12}, {@code 10.25}. */
    static String number(final double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return getLine();
    }

    /** One traffic source's intervals, in the order they ended. */
    public static final class Source implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String name;
        private final List<Point> points;

        private Source(final WatchReport.Series series) {
            this.name = series.source();
            this.points = new ArrayList<>(series.points().stream().map(point -> new Point(series.source(), point)).toList());
        }

        /** The source as the config names it, e.g. an access log's path. */
        public String getName() {
            return name;
        }

        public List<Point> getPoints() {
            return Collections.unmodifiableList(points);
        }
    }

    /**
     * One interval of one source. The getters give what the page shows: an empty string for a
     * figure the source did not have.
     */
    public static final class Point implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String source;
        private final double atSeconds;
        private final long requests;
        private final Double errorPercent;
        private final Long p95Millis;
        private final String note;

        private Point(final String source, final WatchReport.Point point) {
            this.source = source;
            this.atSeconds = point.atMillis() / 1000.0;
            this.requests = point.requests();
            this.errorPercent = point.errorPercent();
            this.p95Millis = point.p95Millis();
            this.note = point.note() == null ? "" : point.note();
        }

        public String getSource() {
            return source;
        }

        /** When the interval ended after the switch: {@code +30 s}. */
        public String getAt() {
            return "+" + number(atSeconds) + " s";
        }

        /** Requests in the interval, or empty when the source does not count them. */
        public String getRequests() {
            return requests < 0 ? "" : String.valueOf(requests);
        }

        /** {@code 0.1%}, or empty. */
        public String getErrorRate() {
            return errorPercent == null ? "" : number(errorPercent) + "%";
        }

        /** {@code 120 ms}, or empty. */
        public String getP95() {
            return p95Millis == null ? "" : p95Millis + " ms";
        }

        /** What the interval meant ({@code breach 1/2: ...}, {@code no data: ...}); empty when it was fine. */
        public String getNote() {
            return note;
        }

        /** A breach or an interval without data: the chart marks it. */
        boolean marked() {
            return !note.isEmpty();
        }

        double atSeconds() {
            return atSeconds;
        }

        Double errorPercent() {
            return errorPercent;
        }

        Long p95Millis() {
            return p95Millis;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s: %s requests, error rate %s, p95 %s%s", source, getAt(),
                    getRequests().isEmpty() ? "uncounted" : getRequests(), getErrorRate().isEmpty() ? "-" : getErrorRate(),
                    getP95().isEmpty() ? "-" : getP95(), note.isEmpty() ? "" : " (" + note + ")");
        }
    }
}
