package io.jenkins.plugins.bluegreen.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The watch as a picture for the deployment page: per metric (error rate, p95) one small panel with
 * a line per traffic source over the seconds after the switch, the rollback limit and the healthy
 * bar as dashed lines, and breached or failed intervals shaded; every point has a {@code <title>},
 * which browsers show on hover.
 *
 * <p>The page writes this markup unescaped and Jenkins' Content-Security-Policy may forbid inline
 * script and inline styles, so the SVG holds no script, no event attribute and no style: colors
 * and dashes are presentation attributes, and every text it carries is escaped here.
 */
public final class WatchChart {
    private static final int WIDTH = 480;
    private static final int PANEL_HEIGHT = 160;
    private static final int LEGEND_HEIGHT = 22;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 22;
    private static final int BOTTOM = 26;
    private static final String AXIS = "#767676";
    private static final String BAD = "#c62828";
    private static final String GOOD = "#2e7d32";
    /** One color per source, none of them the limit's red or the healthy bar's green. */
    private static final List<String> SOURCE_COLORS = List.of("#1565c0", "#ef6c00", "#6a1b9a", "#00838f");

    private final WatchSummary watch;
    private final double lastSecond;
    private final StringBuilder svg = new StringBuilder();

    private WatchChart(final WatchSummary watch) {
        this.watch = watch;
        this.lastSecond = Math.max(1, watch.getPoints().stream().mapToDouble(WatchSummary.Point::atSeconds).max().orElse(1));
    }

    /** The metrics drawn, each against its own limit and healthy bar. */
    private enum Metric {
        ERROR_RATE("error-rate", "error rate", "error rate (%)", "%", WatchSummary.Point::errorPercent,
                WatchSummary::maxErrorPercent, WatchSummary::healthyErrorPercent),
        P95("p95", "p95", "p95 latency (ms)", " ms", point -> point.p95Millis() == null ? null : point.p95Millis().doubleValue(),
                WatchSummary::maxP95Millis, WatchSummary::healthyP95Millis);

        private final String id;
        private final String name;
        private final String title;
        private final String unit;
        private final Function<WatchSummary.Point, Double> value;
        private final ToDoubleFunction<WatchSummary> limit;
        private final ToDoubleFunction<WatchSummary> healthy;

        Metric(final String id, final String name, final String title, final String unit, final Function<WatchSummary.Point, Double> value,
               final ToDoubleFunction<WatchSummary> limit, final ToDoubleFunction<WatchSummary> healthy) {
            this.id = id;
            this.name = name;
            this.title = title;
            this.unit = unit;
            this.value = value;
            this.limit = limit;
            this.healthy = healthy;
        }

        String shown(final double figure) {
            return WatchSummary.number(figure) + unit;
        }
    }

    /** The chart of one watch: a fixed 480-pixel-wide viewBox, one panel per metric and a legend of the sources. */
    public static String svg(final WatchSummary watch) {
        return new WatchChart(watch).draw();
    }

    private String draw() {
        int height = Metric.values().length * PANEL_HEIGHT + LEGEND_HEIGHT * Math.max(1, watch.getSources().size());
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">");
        title("what the watch saw: " + watch.getLine());
        int top = 0;
        for (Metric metric : Metric.values()) {
            panel(metric, top);
            top += PANEL_HEIGHT;
        }
        legend(top);
        return svg.append("</svg>").toString();
    }

    private void panel(final Metric metric, final int top) {
        double ceiling = ceiling(metric);
        var plot = new Plot(top, ceiling);
        svg.append("<g class=\"").append(metric.id).append("\">");
        text(LEFT, top + 14, "start", AXIS, metric.title);
        for (var source : watch.getSources()) {
            marks(plot, source.getPoints());
        }
        line(LEFT, plot.bottom, WIDTH - RIGHT, plot.bottom, AXIS, null);
        line(LEFT, plot.top, LEFT, plot.bottom, AXIS, null);
        text(LEFT - 4, plot.bottom + 4, "end", AXIS, metric.shown(0));
        text(LEFT - 4, plot.top + 4, "end", AXIS, metric.shown(ceiling));
        text(LEFT, plot.bottom + 16, "start", AXIS, "0 s");
        text(WIDTH - RIGHT, plot.bottom + 16, "end", AXIS, "+" + WatchSummary.number(lastSecond) + " s after the switch");
        double limit = metric.limit.applyAsDouble(watch);
        double healthy = metric.healthy.applyAsDouble(watch);
        // labelled at opposite ends, so they stay apart when the two lines nearly meet
        bar(plot, limit, BAD, "6 3", WIDTH - RIGHT, "end", "roll back over " + metric.shown(limit));
        bar(plot, healthy, GOOD, "2 3", LEFT + 4, "start", "healthy up to " + metric.shown(healthy));
        int index = 0;
        for (var source : watch.getSources()) {
            series(plot, metric, source, SOURCE_COLORS.get(index++ % SOURCE_COLORS.size()));
        }
        svg.append("</g>");
    }

    /** Room above the highest of the figures, the limit and the bar, so the dashed lines never sit on the frame. */
    private double ceiling(final Metric metric) {
        double highest = Math.max(metric.limit.applyAsDouble(watch), metric.healthy.applyAsDouble(watch));
        for (var point : watch.getPoints()) {
            var figure = metric.value.apply(point);
            if (figure != null) {
                highest = Math.max(highest, figure);
            }
        }
        return highest <= 0 ? 1 : highest * 1.15;
    }

    /** A shaded band over each breached or failed interval, from the end of the one before to its own end. */
    private void marks(final Plot plot, final List<WatchSummary.Point> points) {
        double start = 0;
        for (var point : points) {
            if (point.marked()) {
                double from = plot.x(start);
                svg.append("<rect x=\"").append(coordinate(from)).append("\" y=\"").append(plot.top)
                        .append("\" width=\"").append(coordinate(Math.max(2, plot.x(point.atSeconds()) - from)))
                        .append("\" height=\"").append(plot.bottom - plot.top).append("\" fill=\"").append(BAD)
                        .append("\" fill-opacity=\"0.12\">");
                title(point.getSource() + " " + point.getAt() + ": " + point.getNote());
                svg.append("</rect>");
            }
            start = point.atSeconds();
        }
    }

    /** A dashed horizontal line at a threshold, labelled just above it. */
    private void bar(final Plot plot, final double threshold, final String color, final String dashes,
                     final double labelX, final String anchor, final String label) {
        double y = plot.y(threshold);
        line(LEFT, y, WIDTH - RIGHT, y, color, dashes);
        text(labelX, y - 3, anchor, color, label);
    }

    /**
     * The source's line (broken where an interval had no figure) and one circle per interval: filled
     * in the source's color, red when the interval breached, hollow on the axis when it had no figure.
     */
    private void series(final Plot plot, final Metric metric, final WatchSummary.Source source, final String color) {
        svg.append("<g class=\"source\">");
        var stretch = new ArrayList<String>();
        for (var point : source.getPoints()) {
            var figure = metric.value.apply(point);
            if (figure == null) {
                polyline(stretch, color);
                stretch.clear();
            }
            else {
                stretch.add(coordinate(plot.x(point.atSeconds())) + "," + coordinate(plot.y(figure)));
            }
        }
        polyline(stretch, color);
        for (var point : source.getPoints()) {
            var figure = metric.value.apply(point);
            double x = plot.x(point.atSeconds());
            svg.append("<circle cx=\"").append(coordinate(x)).append("\" cy=\"")
                    .append(coordinate(figure == null ? plot.bottom : plot.y(figure))).append("\" r=\"3\" ");
            if (figure == null) {
                svg.append("fill=\"none\" stroke=\"").append(BAD).append('"');
            }
            else {
                svg.append("fill=\"").append(point.marked() ? BAD : color).append("\" stroke=\"").append(color).append('"');
            }
            svg.append('>');
            title(source.getName() + " " + point.getAt() + ": " + metric.name + " "
                    + (figure == null ? "no figure" : metric.shown(figure))
                    + (point.getRequests().isEmpty() ? "" : ", " + point.getRequests() + " requests")
                    + (point.marked() ? " (" + point.getNote() + ")" : ""));
            svg.append("</circle>");
        }
        svg.append("</g>");
    }

    private void polyline(final List<String> points, final String color) {
        if (points.size() > 1) {
            svg.append("<polyline points=\"").append(String.join(" ", points)).append("\" fill=\"none\" stroke=\"")
                    .append(color).append("\" stroke-width=\"1.5\"/>");
        }
    }

    /** One line per source: source names are long (a log path, a URL), and two side by side would not fit. */
    private void legend(final int top) {
        int y = top;
        int index = 0;
        for (var source : watch.getSources()) {
            var color = SOURCE_COLORS.get(index++ % SOURCE_COLORS.size());
            line(LEFT, y + 11, LEFT + 16, y + 11, color, null);
            text(LEFT + 20, y + 15, "start", AXIS, source.getName());
            y += LEGEND_HEIGHT;
        }
    }

    private void line(final double x1, final double y1, final double x2, final double y2, final String color,
                      final String dashes) {
        svg.append("<line x1=\"").append(coordinate(x1)).append("\" y1=\"").append(coordinate(y1)).append("\" x2=\"")
                .append(coordinate(x2)).append("\" y2=\"").append(coordinate(y2)).append("\" stroke=\"").append(color)
                .append('"');
        if (dashes != null) {
            svg.append(" stroke-dasharray=\"").append(dashes).append('"');
        }
        svg.append("/>");
    }

    private void text(final double x, final double y, final String anchor, final String color, final String text) {
        svg.append("<text x=\"").append(coordinate(x)).append("\" y=\"").append(coordinate(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" fill=\"").append(color).append("\">").append(escape(text)).append("</text>");
    }

    private void title(final String text) {
        svg.append("<title>").append(escape(text)).append("</title>");
    }

    private static String coordinate(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Text for element content and attribute values alike. */
    static String escape(final String text) {
        var escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                // XML 1.0 allows no control character but tab, newline and carriage return
                default -> escaped.append(c < ' ' && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return escaped.toString();
    }

    /** One panel's plotting area and scale: seconds after the switch across, the metric up. */
    private final class Plot {
        private final int top;
        private final int bottom;
        private final double ceiling;

        Plot(final int panelTop, final double ceiling) {
            this.top = panelTop + TOP;
            this.bottom = panelTop + PANEL_HEIGHT - BOTTOM;
            this.ceiling = ceiling;
        }

        double x(final double seconds) {
            return LEFT + seconds / lastSecond * (WIDTH - LEFT - RIGHT);
        }

        double y(final double figure) {
            return bottom - figure / ceiling * (bottom - top);
        }
    }
}
