package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.Locale;

/** The two slots a service runs in on each host: one is live, the other idle and next to deploy to. */
public enum Color {
    BLUE, GREEN;

    public Color other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** The spelling used in container names, labels and the history file. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code blue} or {@code green}; {@code where} names the key or label for the error. */
    public static Color parse(final String text, final String where) {
        if (text != null) {
            for (Color c : values()) {
                if (c.label().equalsIgnoreCase(text.strip())) {
                    return c;
                }
            }
        }
        throw new InvalidInputException(where + ": expected blue or green, got '" + text + "'");
    }

    @Override
    public String toString() {
        return label();
    }
}
