package io.jenkins.plugins.bluegreen.engine.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Durations as Kamal writes them: {@code 5s}, {@code 500ms}, {@code 10m}, {@code 1h} or a number of seconds. */
public final class Durations {
    private static final Pattern TEXT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /** The duration {@code text} stands for, or empty if it is not one. */
    public static Optional<Duration> parse(final String text) {
        var t = text.strip();
        if (t.matches("\\d+")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(t)));
        }
        var m = TEXT.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        });
    }

    /** The shortest form {@link #parse} reads back: {@code 90s} stays {@code 90s}, {@code 600s} is {@code 10m}. */
    public static String format(final Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
