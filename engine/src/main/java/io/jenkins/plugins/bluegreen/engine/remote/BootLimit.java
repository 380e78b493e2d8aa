package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

/**
 * How many hosts an operation acts on at once (Kamal's {@code boot.limit}): a count, or a
 * percentage of the hosts, never less than one host.
 */
public record BootLimit(int count, int percent) {
    public BootLimit {
        if (count < 0 || percent < 0 || percent > 100 || (count == 0) == (percent == 0)) {
            throw new InvalidInputException("boot.limit: expected a number of hosts (5) or a percentage (25%), got "
                    + (percent > 0 ? percent + "%" : String.valueOf(count)));
        }
    }

    /** Every host at once. */
    public static BootLimit all() {
        return new BootLimit(0, 100);
    }

    public static BootLimit of(final int hosts) {
        return new BootLimit(hosts, 0);
    }

    /** Parses {@code 5} or {@code 25%}. */
    public static BootLimit parse(final String text) {
        var t = text == null ? "" : text.strip();
        try {
            return t.endsWith("%")
                    ? new BootLimit(0, Integer.parseInt(t.substring(0, t.length() - 1).strip()))
                    : new BootLimit(Integer.parseInt(t), 0);
        }
        catch (NumberFormatException e) {
            throw new InvalidInputException("boot.limit: expected a number of hosts (5) or a percentage (25%), got '"
                    + text + "'");
        }
    }

    /** The batch size for {@code hosts} hosts; a percentage rounds down, as in Kamal, but to at least 1. */
    public int batchSize(final int hosts) {
        int n = percent > 0 ? hosts * percent / 100 : count;
        return Math.max(1, Math.min(n, Math.max(hosts, 1)));
    }

    @Override
    public String toString() {
        return percent > 0 ? percent + "%" : String.valueOf(count);
    }
}
