package io.jenkins.plugins.bluegreen.engine.window;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A one-off period with no deploys, such as a year-end freeze or a launch day, from {@code start}
 * (inclusive) to {@code end} (exclusive). {@code label} says how it was written, for messages.
 */
public record Blackout(String name, Instant start, Instant end, String label) implements Serializable {
    public Blackout {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("blackout: name is empty; expected a name people recognise in a log");
        }
        if (start == null || end == null || !end.isAfter(start)) {
            throw new InvalidInputException("blackout '" + name + "': found " + start + " to " + end
                    + ", expected an end after the start");
        }
        name = name.strip();
    }

    /** Whole days {@code from} through {@code to} (both inclusive) on the calendar of {@code zone}. */
    public static Blackout ofDates(final String name, final LocalDate from, final LocalDate to, final ZoneId zone) {
        if (to.isBefore(from)) {
            throw new InvalidInputException("blackout '" + name + "': found from " + from + " after to " + to
                    + ", expected to on or after from (both dates are inclusive)");
        }
        return new Blackout(name, from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(),
                from + " to " + to + " " + zone.getId());
    }

    /** The instants {@code from} (inclusive) to {@code to} (exclusive). */
    public static Blackout ofInstants(final String name, final Instant from, final Instant to) {
        return new Blackout(name, from, to, from + " to " + to);
    }

    public boolean covers(final Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
