package io.jenkins.plugins.bluegreen.engine.window;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A weekly wall-clock range, such as "Tue, Wed, Thu 10:00-14:00 UTC", used both for allow
 * windows and for deny freezes.
 *
 * <p>Times are minutes of the day, half-open: a rule from 10:00 to 14:00 covers 10:00:00 up to
 * 13:59:59.999. {@code toMinute} may be 1440 (24:00, the end of the day). When {@code fromMinute}
 * is after {@code toMinute} the range crosses midnight: the listed days name the day it starts, so
 * {@code fri 22:00-02:00} covers Friday 22:00 to Saturday 02:00.
 *
 * <p>The range is read on the wall clock of {@code zone}, which is what people mean on days when
 * daylight saving time changes: 10:00-14:00 Europe/Berlin is four hours of local morning whether the
 * offset is +01:00 or +02:00. A local time that does not exist (skipped by a spring-forward change)
 * starts or ends the range at the first instant after the gap; a local time that occurs twice (the
 * autumn change) is covered both times.
 */
public record WeeklyRule(String name, Set<DayOfWeek> days, int fromMinute, int toMinute, ZoneId zone)
        implements Serializable {
    static final int END_OF_DAY = 24 * 60;

    public WeeklyRule {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("window rule: name is empty; expected a name people recognise in a log");
        }
        if (days == null || days.isEmpty()) {
            throw new InvalidInputException("window rule '" + name + "': days is empty; expected at least one weekday");
        }
        if (fromMinute < 0 || fromMinute >= END_OF_DAY || toMinute <= 0 || toMinute > END_OF_DAY) {
            throw new InvalidInputException("window rule '" + name + "': found from " + clock(fromMinute) + " to "
                    + clock(toMinute) + ", expected from within 00:00-23:59 and to within 00:01-24:00");
        }
        if (fromMinute == toMinute) {
            throw new InvalidInputException("window rule '" + name + "': from and to are both " + clock(fromMinute)
                    + "; expected a range of some length (leave both out for the whole day)");
        }
        if (zone == null) {
            throw new InvalidInputException("window rule '" + name + "': zone is missing; expected an IANA zone id");
        }
        name = name.strip();
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** A rule covering the whole of each listed day. */
    public static WeeklyRule wholeDays(final String name, final Set<DayOfWeek> days, final ZoneId zone) {
        return new WeeklyRule(name, days, 0, END_OF_DAY, zone);
    }

    /** True when {@code at} falls inside the range on the wall clock of {@link #zone}. */
    public boolean covers(final Instant at) {
        var local = LocalDateTime.ofInstant(at, zone);
        int minute = local.getHour() * 60 + local.getMinute();
        var day = local.getDayOfWeek();
        if (fromMinute < toMinute) {
            return days.contains(day) && minute >= fromMinute && minute < toMinute;
        }
        return days.contains(day) && minute >= fromMinute || days.contains(day.minus(1)) && minute < toMinute;
    }

    /**
     * Adds every instant in {@code (after, upTo]} at which {@link #covers} may change, except zone
     * offset changes (the caller adds those once per zone). A few extra instants are harmless.
     */
    void addBoundaries(final Instant after, final Instant upTo, final Collection<Instant> out) {
        var last = LocalDate.ofInstant(upTo, zone).plusDays(1);
        for (var date = LocalDate.ofInstant(after, zone).minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
            for (int minute : new int[] {fromMinute, toMinute % END_OF_DAY}) {
                var local = ZonedDateTime.ofLocal(date.atTime(minute / 60, minute % 60), zone, null);
                add(local.withEarlierOffsetAtOverlap().toInstant(), after, upTo, out);
                add(local.withLaterOffsetAtOverlap().toInstant(), after, upTo, out);
            }
        }
    }

    static void add(final Instant candidate, final Instant after, final Instant upTo, final Collection<Instant> out) {
        if (candidate.isAfter(after) && !candidate.isAfter(upTo)) {
            out.add(candidate);
        }
    }

    /** "Tue, Wed, Thu 10:00-14:00 UTC", "Sat, Sun all day UTC", "Fri 22:00-02:00 (next day) UTC". */
    public String describe() {
        var dayList = EnumSet.copyOf(days).stream()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                .collect(Collectors.joining(", "));
        String range;
        if (fromMinute == 0 && toMinute == END_OF_DAY) {
            range = "all day";
        }
        else {
            range = clock(fromMinute) + "-" + clock(toMinute) + (fromMinute > toMinute ? " (next day)" : "");
        }
        return dayList + " " + range + " " + zone.getId();
    }

    static String clock(final int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }
}
