package io.jenkins.plugins.bluegreen.engine.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The procedure's rules, one instant each: 2026-12-01 is a Tuesday. */
class SeedWindowTest {
    private final WindowPolicy seed = WindowPolicy.seedDefault();

    @ParameterizedTest(name = "{0} is open")
    @CsvSource({
        "2026-12-01T10:00:00Z", // Tue, the first second of the window
        "2026-12-01T13:59:59Z", // Tue, the last second
        "2026-12-02T12:00:00Z", // Wed
        "2026-12-03T10:30:00Z", // Thu
        "2026-12-03T13:59:59.999Z",
    })
    void shouldOpenInsideTheStandardWindow(final Instant at) {
        var d = seed.decide(at);
        assertThat(d.open()).isTrue();
        assertThat(d.rule()).isEqualTo("standard window");
        assertThat(d.reason()).isEqualTo("inside the standard window (Tue, Wed, Thu 10:00-14:00 UTC)");
        assertThat(d.nextOpen()).isEqualTo(at);
        assertThat(d.override()).isFalse();
        assertThat(d.hotfix()).isNull();
    }

    @ParameterizedTest(name = "{0} is held by {1}, opens {2}")
    @CsvSource({
        "2026-12-01T14:00:00Z, standard window,         2026-12-02T10:00:00Z", // Tue, window just closed
        "2026-12-01T09:59:59Z, standard window,         2026-12-01T10:00:00Z", // Tue, a second early
        "2026-11-30T12:00:00Z, standard window,         2026-12-01T10:00:00Z", // Mon
        "2026-12-03T14:00:00Z, standard window,         2026-12-08T10:00:00Z", // Thu afternoon
        "2026-12-04T11:59:59Z, standard window,         2026-12-08T10:00:00Z", // Fri morning
        "2026-12-04T12:00:00Z, Friday afternoon freeze, 2026-12-08T10:00:00Z", // Fri freeze begins
        "2026-12-04T15:00:00Z, Friday afternoon freeze, 2026-12-08T10:00:00Z",
        "2026-12-04T23:59:59Z, Friday afternoon freeze, 2026-12-08T10:00:00Z",
        "2026-12-05T00:00:00Z, weekend freeze,          2026-12-08T10:00:00Z", // Sat
        "2026-12-06T12:00:00Z, weekend freeze,          2026-12-08T10:00:00Z", // Sun
        "2026-12-06T23:59:59Z, weekend freeze,          2026-12-08T10:00:00Z",
        "2026-12-07T00:00:00Z, standard window,         2026-12-08T10:00:00Z", // Mon
    })
    void shouldHoldOutsideTheStandardWindow(final Instant at, final String rule, final Instant nextOpen) {
        var d = seed.decide(at);
        assertThat(d.open()).isFalse();
        assertThat(d.rule()).isEqualTo(rule);
        assertThat(d.nextOpen()).isEqualTo(nextOpen);
        assertThat(d.override()).isFalse();
    }

    @Test
    void shouldNameTheFridayAfternoonFreezeOnTheFirstFridayOfDecember() {
        var d = seed.decide(Instant.parse("2026-12-04T15:00:00Z"));
        assertThat(d.open()).isFalse();
        assertThat(d.rule()).isEqualTo("Friday afternoon freeze");
        assertThat(d.reason()).isEqualTo("Friday afternoon freeze (Fri 12:00-24:00 UTC)");
        assertThat(d.nextOpen()).isEqualTo(Instant.parse("2026-12-08T10:00:00Z"));
        assertThat(d.summary()).isEqualTo("deployment window held by Friday afternoon freeze: "
                + "Friday afternoon freeze (Fri 12:00-24:00 UTC); opens 2026-12-08T10:00:00Z");
    }

    @Test
    void shouldNameTheWeekendFreezeOnSaturday() {
        assertThat(seed.decide(Instant.parse("2026-12-05T09:00:00Z")).reason())
                .isEqualTo("weekend freeze (Sat, Sun all day UTC)");
    }

    @Test
    void shouldSayOutsideTheStandardWindowOnMonday() {
        assertThat(seed.decide(Instant.parse("2026-11-30T11:00:00Z")).reason())
                .isEqualTo("outside the standard window (Tue, Wed, Thu 10:00-14:00 UTC)");
    }

    @Test
    void shouldDescribeItsRules() {
        assertThat(seed.describe()).containsExactly(
                "allow standard window: Tue, Wed, Thu 10:00-14:00 UTC",
                "deny Friday afternoon freeze: Fri 12:00-24:00 UTC",
                "deny weekend freeze: Sat, Sun all day UTC");
    }
}
