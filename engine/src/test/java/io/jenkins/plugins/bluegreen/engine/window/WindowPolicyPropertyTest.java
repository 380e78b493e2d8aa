package io.jenkins.plugins.bluegreen.engine.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties over 2026, in UTC, Europe/Berlin and America/New_York, with instants drawn from the
 * whole year and, more densely, from the days around both clock changes of each zone.
 */
class WindowPolicyPropertyTest {
    private static final List<ZoneId> ZONES =
            List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"));
    private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");
    /** Both clock changes of Berlin (01:00Z) and of New York (07:00Z in March, 06:00Z in November). */
    private static final List<Instant> CLOCK_CHANGES = List.of(
            Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
            Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"));

    /** The seed rules in a zone. */
    private static WindowPolicy seedIn(final ZoneId zone) {
        return WindowPolicies.parse("""
                zone: %s
                allow: [{name: standard window, days: [tue-thu], from: "10:00", to: "14:00"}]
                deny:
                  - {name: Friday afternoon freeze, days: [fri], from: "12:00", to: "24:00"}
                  - {name: weekend freeze, days: [sat, sun]}
                """.formatted(zone.getId()), "test").forDestination(null);
    }

    /**
     * Rules placed where clocks change and days turn: a Sunday window across the DST hour, one
     * crossing midnight, a freeze inside an allow window and a blackout.
     */
    private static WindowPolicy awkwardIn(final ZoneId zone) {
        return WindowPolicies.parse("""
                zone: %s
                allow:
                  - {name: standard window, days: [tue-thu], from: "10:00", to: "14:00"}
                  - {name: clock change window, days: [sun], from: "01:30", to: "03:15"}
                  - {name: night window, days: [sat], from: "23:00", to: "00:30"}
                deny:
                  - {name: lunch freeze, days: [wed], from: "12:00", to: "12:30"}
                  - {name: early sunday freeze, days: [sun], from: "02:40", to: "02:50"}
                blackouts:
                  - {name: summer freeze, from: 2026-07-01, to: 2026-07-03}
                """.formatted(zone.getId()), "test").forDestination(null);
    }

    @Provide
    Arbitrary<WindowPolicy> policies() {
        var singles = ZONES.stream().flatMap(z -> Stream.of(seedIn(z), awkwardIn(z))).toList();
        var stacked = List.of(
                seedIn(ZONES.get(0)).tightenedBy(awkwardIn(ZONES.get(1))),
                seedIn(ZONES.get(1)).tightenedBy(awkwardIn(ZONES.get(0))),
                seedIn(ZONES.get(2)).tightenedBy(awkwardIn(ZONES.get(2))),
                // Berlin's office hours and New York's never meet, and the weekend is frozen: never open.
                awkwardIn(ZONES.get(1)).tightenedBy(seedIn(ZONES.get(2))));
        return Arbitraries.oneOf(Arbitraries.of(singles), Arbitraries.of(stacked));
    }

    @Provide
    Arbitrary<Instant> instants() {
        var anyTime = Arbitraries.longs().between(YEAR_START.getEpochSecond(), YEAR_END.getEpochSecond() - 1)
                .map(Instant::ofEpochSecond);
        var nearClockChange = Combinators.combine(Arbitraries.of(CLOCK_CHANGES),
                        Arbitraries.longs().between(-3 * 86_400L, 3 * 86_400L))
                .as((change, offset) -> change.plusSeconds(offset));
        var onTheMinute = anyTime.map(i -> i.truncatedTo(ChronoUnit.MINUTES));
        return Arbitraries.frequencyOf(
                Tuple.of(4, anyTime), Tuple.of(4, nearClockChange),
                Tuple.of(2, onTheMinute));
    }

    @Property(tries = 2000)
    void openDecisionsOpenNow(@ForAll("policies") final WindowPolicy policy, @ForAll("instants") final Instant at) {
        var d = policy.decide(at);
        if (d.open()) {
            assertThat(d.nextOpen()).isEqualTo(at);
            assertThat(d.override()).isFalse();
        }
        else if (d.nextOpen() != null) {
            assertThat(d.nextOpen()).isAfter(at);
        }
    }

    @Property(tries = 2000)
    void nextOpenIsOpenAndEverythingBeforeItIsHeld(@ForAll("policies") final WindowPolicy policy,
                                                  @ForAll("instants") final Instant at,
                                                  @ForAll("fractions") final List<Double> samples) {
        var d = policy.decide(at);
        if (d.open()) {
            return;
        }
        var next = d.nextOpen() != null ? d.nextOpen() : at.plus(WindowPolicy.HORIZON);
        if (d.nextOpen() != null) {
            assertThat(policy.isOpen(next)).as("open at nextOpen %s", next).isTrue();
        }
        assertThat(policy.isOpen(next.minusNanos(1))).as("held just before %s", next).isFalse();
        var gap = Duration.between(at, next).toNanos();
        for (double f : samples) {
            var between = at.plusNanos((long) (gap * f));
            if (between.isAfter(at) && between.isBefore(next)) {
                assertThat(policy.isOpen(between)).as("held at %s before %s", between, next).isFalse();
            }
        }
    }

    @Provide
    Arbitrary<List<Double>> fractions() {
        return Arbitraries.doubles().between(0, 1).list().ofSize(40);
    }

    /** Every rule boundary falls on a whole minute, so walking whole minutes sees every opening. */
    @Property(tries = 150)
    void nextOpenIsTheFirstOpenMinute(@ForAll("policies") final WindowPolicy policy,
                                     @ForAll("instants") final Instant at) {
        var d = policy.decide(at);
        if (d.open()) {
            return;
        }
        var limit = at.plus(Duration.ofDays(8));
        var minute = at.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        while (minute.isBefore(limit) && !policy.isOpen(minute)) {
            minute = minute.plus(1, ChronoUnit.MINUTES);
        }
        if (minute.isBefore(limit)) {
            assertThat(d.nextOpen()).isEqualTo(minute);
        }
        else {
            assertThat(d.nextOpen() == null || !d.nextOpen().isBefore(limit)).as("nextOpen %s", d.nextOpen()).isTrue();
        }
    }

    @Property(tries = 2000)
    void denyAlwaysBeatsAllow(@ForAll("zones") final ZoneId zone, @ForAll("instants") final Instant at) {
        var seedFreezes = WindowPolicies.parse(("zone: %s\ndeny: [{name: x, days: [sat, sun]}, "
                + "{name: y, days: [fri], from: \"12:00\", to: \"24:00\"}]").formatted(zone.getId()), "t")
                .forDestination(null);
        if (!seedFreezes.isOpen(at)) {
            var d = seedIn(zone).decide(at);
            assertThat(d.open()).isFalse();
            assertThat(d.rule()).isIn("Friday afternoon freeze", "weekend freeze");
        }
        var lunchFreeze = WindowPolicies.parse(("zone: %s\ndeny: [{name: x, days: [wed], from: \"12:00\", "
                + "to: \"12:30\"}]").formatted(zone.getId()), "t").forDestination(null);
        if (!lunchFreeze.isOpen(at)) {
            var d = awkwardIn(zone).decide(at);
            assertThat(d.open()).isFalse();
            assertThat(d.rule()).isIn("lunch freeze", "summer freeze");
        }
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES);
    }

    @Property(tries = 1000)
    void tightenedIsOpenOnlyWhenBothAre(@ForAll("policies") final WindowPolicy a,
                                        @ForAll("policies") final WindowPolicy b,
                                        @ForAll("instants") final Instant at) {
        var both = a.tightenedBy(b);
        var d = both.decide(at);
        assertThat(d.open()).isEqualTo(a.isOpen(at) && b.isOpen(at));
        if (!d.open() && d.nextOpen() != null) {
            assertThat(a.isOpen(d.nextOpen())).isTrue();
            assertThat(b.isOpen(d.nextOpen())).isTrue();
            assertThat(d.nextOpen()).isAfterOrEqualTo(a.decide(at).nextOpen());
            assertThat(d.nextOpen()).isAfterOrEqualTo(b.decide(at).nextOpen());
        }
    }

    @Property(tries = 300)
    void unrestrictedChangesNothingWhenStacked(@ForAll("policies") final WindowPolicy a,
                                              @ForAll("instants") final Instant at) {
        assertThat(a.tightenedBy(WindowPolicy.unrestricted()).decide(at)).isEqualTo(a.decide(at));
        assertThat(WindowPolicy.unrestricted().isOpen(at)).isTrue();
    }
}
