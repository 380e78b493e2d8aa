package io.jenkins.plugins.bluegreen.engine.window;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules of one policy: allow windows, deny freezes and blackouts. A blackout or a freeze beats
 * any allow window; with no allow window at all, every time no freeze holds is open.
 */
record Schedule(List<WeeklyRule> allow, List<WeeklyRule> deny, List<Blackout> blackouts) implements Serializable {
    Schedule {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        blackouts = List.copyOf(blackouts);
    }

    /** How one schedule judges an instant; {@code fromAllowRule} marks an open verdict an allow window gave. */
    record Verdict(boolean open, String rule, String reason, boolean fromAllowRule) {
    }

    Verdict judge(final Instant at) {
        for (var b : blackouts) {
            if (b.covers(at)) {
                return new Verdict(false, b.name(), b.name() + " (blackout " + b.label() + ")", false);
            }
        }
        for (var d : deny) {
            if (d.covers(at)) {
                return new Verdict(false, d.name(), d.name() + " (" + d.describe() + ")", false);
            }
        }
        if (allow.isEmpty()) {
            return new Verdict(true, "no freeze", "no freeze or blackout applies", false);
        }
        for (var a : allow) {
            if (a.covers(at)) {
                return new Verdict(true, a.name(), "inside the " + a.name() + " (" + a.describe() + ")", true);
            }
        }
        if (allow.size() == 1) {
            var a = allow.get(0);
            return new Verdict(false, a.name(), "outside the " + a.name() + " (" + a.describe() + ")", false);
        }
        return new Verdict(false, "allowed windows", "outside every allowed window: " + allow.stream()
                .map(a -> a.name() + " (" + a.describe() + ")").collect(Collectors.joining(", ")), false);
    }

    /** Adds every instant in {@code (after, upTo]} at which {@link #judge} may change. */
    void addBoundaries(final Instant after, final Instant upTo, final Collection<Instant> out) {
        rules().forEach(r -> r.addBoundaries(after, upTo, out));
        for (var b : blackouts) {
            WeeklyRule.add(b.start(), after, upTo, out);
            WeeklyRule.add(b.end(), after, upTo, out);
        }
    }

    /** The first blackout start or end after {@code after}; null when there is none. */
    Instant nextBlackoutEdge(final Instant after) {
        return blackouts.stream().flatMap(b -> Stream.of(b.start(), b.end())).filter(t -> t.isAfter(after))
                .min(Instant::compareTo).orElse(null);
    }

    /** The zones whose offset changes matter: a wall-clock range may begin or end at such a change. */
    Stream<ZoneId> zones() {
        return rules().map(WeeklyRule::zone);
    }

    private Stream<WeeklyRule> rules() {
        return Stream.concat(allow.stream(), deny.stream());
    }
}
