package io.jenkins.plugins.bluegreen.engine.watch;

import java.time.Duration;
import java.util.Locale;

/** How the watch writes its numbers, the same in every line: {@code 10.00%}, {@code 0.25s}. */
public final class Figures {
    private Figures() {
    }

    public static String percent(final double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }

    public static String seconds(final Duration d) {
        return String.format(Locale.ROOT, "%.2fs", d.toMillis() / 1000.0);
    }
}
