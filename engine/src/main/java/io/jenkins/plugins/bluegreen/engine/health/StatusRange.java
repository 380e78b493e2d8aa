package io.jenkins.plugins.bluegreen.engine.health;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.regex.Pattern;

/** The HTTP statuses a health endpoint may answer with and still pass: {@code 200-299} or {@code 204}. */
public record StatusRange(int min, int max) {
    private static final Pattern FORM = Pattern.compile("(\\d{3})(?:\\s*-\\s*(\\d{3}))?");

    public static final StatusRange SUCCESS = new StatusRange(200, 299);

    public StatusRange {
        if (min < 100 || max > 599 || min > max) {
            throw new InvalidInputException("gate.status: expected a range of HTTP statuses like 200-299, got "
                    + min + "-" + max);
        }
    }

    public static StatusRange parse(final String text) {
        var m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new InvalidInputException("gate.status: expected an HTTP status or range like 200-299, got '" + text + "'");
        }
        int min = Integer.parseInt(m.group(1));
        return new StatusRange(min, m.group(2) == null ? min : Integer.parseInt(m.group(2)));
    }

    public boolean contains(final int status) {
        return status >= min && status <= max;
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
