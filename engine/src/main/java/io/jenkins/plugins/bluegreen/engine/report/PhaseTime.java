package io.jenkins.plugins.bluegreen.engine.report;

import io.jenkins.plugins.bluegreen.engine.event.Phase;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of a phase timeline: when a phase started, counted from the first one, and how long it
 * took. Phases run one after another in {@link Phase} order, so the start of each is the sum of
 * those before it.
 */
public final class PhaseTime implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String phase;
    private final long startMillis;
    private final long tookMillis;

    PhaseTime(final String phase, final long startMillis, final long tookMillis) {
        this.phase = phase;
        this.startMillis = startMillis;
        this.tookMillis = tookMillis;
    }

    /** The timeline of the phases that ran, in the order they ran. */
    public static List<PhaseTime> timeline(final Map<Phase, Duration> phases) {
        var lines = new ArrayList<PhaseTime>();
        long start = 0;
        for (var entry : new TreeMap<>(phases).entrySet()) {
            long took = entry.getValue().toMillis();
            lines.add(new PhaseTime(entry.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-'), start, took));
            start += took;
        }
        return List.copyOf(lines);
    }

    /** The phase in lower case, as the build log names it: {@code boot}, {@code pre-switch}. */
    public String getPhase() {
        return phase;
    }

    /** When it started after the first phase started, e.g. {@code +1.2 s}. */
    public String getStarted() {
        return "+" + human(startMillis);
    }

    /** How long it took, e.g. {@code 350 ms}, {@code 4.1 s}, {@code 2 min 5 s}. */
    public String getTook() {
        return human(tookMillis);
    }

    public long getTookMillis() {
        return tookMillis;
    }

    /** Milliseconds below a second, tenths of seconds below a minute, then whole minutes and seconds. */
    static String human(final long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    @Override
    public String toString() {
        return getStarted() + " " + phase + " " + getTook();
    }
}
