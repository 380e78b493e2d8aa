package io.jenkins.plugins.bluegreen.engine.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SVG line chart of phase time against host count: one line per phase, hosts on the x axis,
 * milliseconds on the y axis. Plain text, so a benchmark can write it next to its report without a
 * plotting library.
 */
final class GrowthChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int MARGIN = 60;
    private static final List<String> COLORS = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f");

    private final List<Integer> hosts;
    private final Map<String, List<Long>> phases = new LinkedHashMap<>();

    /** @param hosts the host counts measured, ascending */
    GrowthChart(final List<Integer> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    /** One phase's milliseconds, one value per host count. */
    GrowthChart phase(final String name, final List<Long> millis) {
        phases.put(name, List.copyOf(millis));
        return this;
    }

    String svg(final String title) {
        long top = Math.max(1, phases.values().stream().flatMap(List::stream).mapToLong(Long::longValue).max()
                .orElse(1));
        int most = hosts.get(hosts.size() - 1);
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", MARGIN,
                escape(title)));
        out.append(line(MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN, "black"));
        out.append(line(MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN, "black"));
        for (int h : hosts) {
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x(h, most), HEIGHT - MARGIN + 16, h));
        }
        for (int i = 0; i <= 4; i++) {
            long value = top * i / 4;
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d ms</text>%n",
                    MARGIN - 6, y(value, top) + 4, value));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">hosts</text>%n",
                WIDTH / 2, HEIGHT - 20));
        int n = 0;
        for (var phase : phases.entrySet()) {
            var color = COLORS.get(n % COLORS.size());
            var points = new StringBuilder();
            for (int i = 0; i < hosts.size(); i++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(hosts.get(i), most),
                        y(phase.getValue().get(i), top)));
            }
            out.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
                    + " points=\"%s\"/>%n", color, points.toString().strip()));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    WIDTH - MARGIN + 6, MARGIN + 14 * n, color, escape(phase.getKey())));
            n++;
        }
        return out.append("</svg>\n").toString();
    }

    private static double x(final int hosts, final int most) {
        return MARGIN + (WIDTH - 2.0 * MARGIN) * hosts / most;
    }

    private static double y(final long millis, final long top) {
        return HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * millis / top;
    }

    private static String line(final int x1, final int y1, final int x2, final int y2, final String color) {
        return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>%n", x1, y1,
                x2, y2, color);
    }

    private static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
