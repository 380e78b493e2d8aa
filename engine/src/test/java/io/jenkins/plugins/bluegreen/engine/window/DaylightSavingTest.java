package io.jenkins.plugins.bluegreen.engine.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wall-clock ranges on the days the clocks change. Berlin springs forward 2026-03-29 at 01:00Z
 * (02:00 CET becomes 03:00 CEST) and falls back 2026-10-25 at 01:00Z (03:00 CEST becomes 02:00 CET).
 */
class DaylightSavingTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static WindowPolicy sundayWindow(final String from, final String to, final ZoneId zone) {
        return WindowPolicy.of(List.of(new WeeklyRule("w", Set.of(DayOfWeek.SUNDAY), minutes(from), minutes(to), zone)),
                List.of(), List.of());
    }

    private static int minutes(final String clock) {
        return Integer.parseInt(clock.substring(0, 2)) * 60 + Integer.parseInt(clock.substring(3));
    }

    @ParameterizedTest(name = "{0}-{1} Berlin at {2}: open={3}")
    @CsvSource({
        // A start inside the skipped hour opens at the first instant after the gap.
        "02:30, 04:00, 2026-03-29T00:59:59Z, false, 2026-03-29T01:00:00Z",
        "02:30, 04:00, 2026-03-29T01:00:00Z, true,  2026-03-29T01:00:00Z",
        "02:30, 04:00, 2026-03-29T01:59:59Z, true,  2026-03-29T01:59:59Z",
        "02:30, 04:00, 2026-03-29T02:00:00Z, false, 2026-04-05T00:30:00Z",
        // An end inside the skipped hour closes at the gap.
        "01:00, 02:30, 2026-03-29T00:59:59Z, true,  2026-03-29T00:59:59Z",
        "01:00, 02:30, 2026-03-29T01:00:00Z, false, 2026-04-04T23:00:00Z",
        // A range inside the skipped hour does not happen that day.
        "02:15, 02:45, 2026-03-29T00:00:00Z, false, 2026-04-05T00:15:00Z",
        // The repeated hour is covered both times: two hours of real time.
        "02:00, 03:00, 2026-10-25T00:00:00Z, true,  2026-10-25T00:00:00Z",
        "02:00, 03:00, 2026-10-25T00:59:59Z, true,  2026-10-25T00:59:59Z",
        "02:00, 03:00, 2026-10-25T01:00:00Z, true,  2026-10-25T01:00:00Z",
        "02:00, 03:00, 2026-10-25T01:59:59Z, true,  2026-10-25T01:59:59Z",
        "02:00, 03:00, 2026-10-25T02:00:00Z, false, 2026-11-01T01:00:00Z",
        // A range inside the repeated hour opens twice; between the two it is held.
        "02:30, 02:45, 2026-10-25T00:45:00Z, false, 2026-10-25T01:30:00Z",
        "02:30, 02:45, 2026-10-25T01:30:00Z, true,  2026-10-25T01:30:00Z",
        // Office hours keep the wall clock: 10:00 is 09:00Z in winter, 08:00Z in summer.
        "10:00, 14:00, 2026-03-22T08:59:59Z, false, 2026-03-22T09:00:00Z",
        "10:00, 14:00, 2026-03-29T07:00:00Z, false, 2026-03-29T08:00:00Z",
        "10:00, 14:00, 2026-10-25T08:30:00Z, false, 2026-10-25T09:00:00Z",
    })
    void shouldFollowTheBerlinWallClock(final String from, final String to, final Instant at, final boolean open,
                                        final Instant nextOpen) {
        var d = sundayWindow(from, to, BERLIN).decide(at);
        assertThat(d.open()).isEqualTo(open);
        assertThat(d.nextOpen()).isEqualTo(nextOpen);
    }

    @ParameterizedTest(name = "New York {0}: open={1}")
    @CsvSource({
        // New York springs forward 2026-03-08 at 07:00Z and falls back 2026-11-01 at 06:00Z.
        "2026-03-03T15:00:00Z, true",  // Tue 10:00 EST
        "2026-03-03T14:59:59Z, false",
        "2026-03-10T14:00:00Z, true",  // Tue 10:00 EDT
        "2026-03-10T13:59:59Z, false",
        "2026-03-10T17:59:59Z, true",
        "2026-03-10T18:00:00Z, false",
        "2026-11-03T15:00:00Z, true",  // Tue 10:00 EST again
        "2026-11-03T14:00:00Z, false",
    })
    void shouldKeepTheStandardWindowOnTheNewYorkWallClock(final Instant at, final boolean open) {
        var ny = ZoneId.of("America/New_York");
        var policy = WindowPolicy.of(List.of(new WeeklyRule("standard window",
                Set.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), 600, 840, ny)), List.of(), List.of());
        assertThat(policy.decide(at).open()).isEqualTo(open);
    }
}
