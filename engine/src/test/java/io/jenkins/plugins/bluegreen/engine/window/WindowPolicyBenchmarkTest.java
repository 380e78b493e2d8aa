package io.jenkins.plugins.bluegreen.engine.window;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Prints how long decisions take; never asserts on time. */
@Tag("benchmark")
class WindowPolicyBenchmarkTest {
    private static final int ROUNDS = 20_000;

    @Test
    void shouldPrintDecisionCosts() {
        var seed = WindowPolicy.seedDefault();
        var stacked = seed.tightenedBy(WindowPolicies.parse("""
                zone: Europe/Berlin
                allow: [{name: office hours, days: [mon-fri], from: "09:00", to: "17:00"}]
                blackouts: [{name: year-end freeze, from: 2026-12-23, to: 2027-01-04}]
                """, "bench").forDestination(null));
        var never = WindowPolicies.parse("deny: [{name: closed, days: [mon-sun]}]", "bench").forDestination(null);
        var openAt = Instant.parse("2026-12-01T11:00:00Z");
        var fridayAfternoon = Instant.parse("2026-12-04T15:00:00Z");
        var beforeYearEnd = Instant.parse("2026-12-17T15:00:00Z");
        measure("seed, open (Tue 11:00)", () -> seed.decide(openAt));
        measure("seed, held Fri 15:00 -> Tue", () -> seed.decide(fridayAfternoon));
        measure("seed+Berlin+blackout, held across year end", () -> stacked.decide(beforeYearEnd));
        measure("always held, search to the 2-year horizon", () -> never.decide(openAt), 200);
    }

    private static void measure(final String what, final Supplier<WindowDecision> decision) {
        measure(what, decision, ROUNDS);
    }

    private static void measure(final String what, final Supplier<WindowDecision> decision, final int rounds) {
        for (int i = 0; i < rounds / 10; i++) {
            decision.get();
        }
        long start = System.nanoTime();
        WindowDecision last = null;
        for (int i = 0; i < rounds; i++) {
            last = decision.get();
        }
        double micros = (System.nanoTime() - start) / 1000.0 / rounds;
        System.out.printf(Locale.ROOT, "window decide: %-45s %10.1f us/decision  (nextOpen %s)%n", what, micros,
                last.nextOpen());
    }
}
