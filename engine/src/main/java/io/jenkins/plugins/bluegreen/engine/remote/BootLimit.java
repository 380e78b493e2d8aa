package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

/**
 * How many hosts of a role boot the new release at once: all of them, a number, or a percentage of
 * the role's hosts ({@code boot.limit: 30} or {@code 25%}).
 */
public record BootLimit(Kind kind, int value) {
    public enum Kind { ALL, COUNT, PERCENT }

    public BootLimit {
        if (kind != Kind.ALL && (value < 1 || kind == Kind.PERCENT && value > 100)) {
            throw new InvalidInputException("boot/limit: expected a number of hosts of at least 1 or a percentage from 1% to 100%, got "
                    + value + (kind == Kind.PERCENT ? "%" : ""));
        }
    }

    public static BootLimit all() {
        return new BootLimit(Kind.ALL, 0);
    }

    public static BootLimit count(final int hosts) {
        return new BootLimit(Kind.COUNT, hosts);
    }

    public static BootLimit percent(final int percent) {
        return new BootLimit(Kind.PERCENT, percent);
    }

    /** Parses {@code boot.limit} as written: {@code 5} or {@code 25%}. */
    public static BootLimit parse(final String text) {
        var t = text == null ? "" : text.strip();
        if (t.matches("\\d{1,9}")) {
            return count(Integer.parseInt(t));
        }
        if (t.matches("\\d{1,9}%")) {
            return percent(Integer.parseInt(t.substring(0, t.length() - 1)));
        }
        throw new InvalidInputException("boot/limit: expected a number of hosts of at least 1 or a percentage like 25%, got '"
                + text + "'");
    }

    /** The hosts per batch for a role of {@code hosts} hosts; never less than one, never more than all. */
    public int batchSize(final int hosts) {
        int size = switch (kind) {
            case ALL -> hosts;
            case COUNT -> value;
            // Rounded down as Kamal does, but at least one host so a small role still makes progress.
            case PERCENT -> hosts * value / 100;
        };
        return Math.max(1, Math.min(size, hosts));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ALL -> "all";
            case COUNT -> String.valueOf(value);
            case PERCENT -> value + "%";
        };
    }
}
