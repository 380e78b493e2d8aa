package io.jenkins.plugins.bluegreen.engine.window;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * When deploys to one destination may start. A policy is one or more {@link Schedule}s that must
 * all be open: a single policy from config has one, {@link #tightenedBy} stacks them, and
 * {@link #unrestricted()} has none.
 *
 * <p>Immutable and pure: the caller passes the instant to judge, so tests and the Jenkins glue
 * decide with the clock they choose.
 */
public final class WindowPolicy implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How far {@link #decide} looks for the next opening before it answers "never". */
    static final Duration HORIZON = Duration.ofDays(2 * 366);
    private static final Duration SEARCH_STEP = Duration.ofDays(7);

    private final List<Schedule> schedules;

    private WindowPolicy(final List<Schedule> schedules) {
        this.schedules = List.copyOf(schedules);
    }

    /** A policy from its rules; deny freezes and blackouts beat allow windows. */
    public static WindowPolicy of(final List<WeeklyRule> allow, final List<WeeklyRule> deny,
                                  final List<Blackout> blackouts) {
        return new WindowPolicy(List.of(new Schedule(allow, deny, blackouts)));
    }

    /**
     * The procedure's policy: deploys Tue-Thu 10:00-14:00 UTC; no deploys Friday afternoon (from
     * 12:00) or at weekends.
     */
    public static WindowPolicy seedDefault() {
        var utc = ZoneId.of("UTC");
        return of(
                List.of(new WeeklyRule("standard window",
                        Set.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), 10 * 60, 14 * 60, utc)),
                List.of(new WeeklyRule("Friday afternoon freeze", Set.of(DayOfWeek.FRIDAY), 12 * 60,
                                WeeklyRule.END_OF_DAY, utc),
                        WeeklyRule.wholeDays("weekend freeze", Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), utc)),
                List.of());
    }

    /** Always open, for destinations such as staging. */
    public static WindowPolicy unrestricted() {
        return new WindowPolicy(List.of());
    }

    public boolean isUnrestricted() {
        return schedules.isEmpty();
    }

    /**
     * Open only when both this policy and {@code other} are open. This is how a repository's
     * policy applies on top of the admins' floor: it may hold more, never less.
     */
    public WindowPolicy tightenedBy(final WindowPolicy other) {
        var both = new ArrayList<>(schedules);
        both.addAll(other.schedules);
        return new WindowPolicy(both);
    }

    /**
     * Judges {@code at}. A hotfix override opens a held window (and the decision says so); when the
     * window is open anyway the override is not used and the decision is an ordinary open one.
     */
    public WindowDecision decide(final Instant at, final Optional<HotfixOverride> hotfix) {
        Objects.requireNonNull(at, "at");
        var verdict = judge(at);
        if (verdict.open()) {
            return new WindowDecision(true, verdict.rule(), verdict.reason(), at, at, false, null);
        }
        if (hotfix.isPresent()) {
            var h = hotfix.get();
            return new WindowDecision(true, "hotfix override", "hotfix override by " + h.requestedBy() + " ("
                    + h.reason() + "); without it held by " + verdict.reason(), at, at, true, h);
        }
        return new WindowDecision(false, verdict.rule(), verdict.reason(), at, nextOpen(at), false, null);
    }

    /** Judges {@code at} without an override. */
    public WindowDecision decide(final Instant at) {
        return decide(at, Optional.empty());
    }

    /** True when a deploy may start at {@code at} without an override; cheaper than {@link #decide}. */
    public boolean isOpen(final Instant at) {
        return judge(at).open();
    }

    private Schedule.Verdict judge(final Instant at) {
        Schedule.Verdict chosen = null;
        for (var s : schedules) {
            var v = s.judge(at);
            if (!v.open()) {
                return v;
            }
            if (chosen == null || v.fromAllowRule() && !chosen.fromAllowRule()) {
                chosen = v;
            }
        }
        return chosen != null ? chosen
                : new Schedule.Verdict(true, "unrestricted", "deploys to this destination are not restricted", false);
    }

    /**
     * The first open instant after the held instant {@code at}. The verdict can only change at a
     * rule boundary, a blackout edge or a zone offset change, so walking those in order, a week at
     * a time, finds the exact instant without stepping through minutes.
     *
     * <p>Between offset changes and blackout edges the verdict repeats every week. So a whole
     * week held with no such event in it stays held up to the next event, and the walk jumps there:
     * a policy that never opens costs a few weeks of walking, not two years.
     */
    private Instant nextOpen(final Instant at) {
        var horizon = at.plus(HORIZON);
        var zones = schedules.stream().flatMap(Schedule::zones).collect(Collectors.toSet());
        var from = at;
        while (from.isBefore(horizon)) {
            var upTo = from.plus(SEARCH_STEP);
            var candidates = new TreeSet<Instant>();
            for (var s : schedules) {
                s.addBoundaries(from, upTo, candidates);
            }
            for (ZoneId z : zones) {
                addOffsetChanges(z, from, upTo, candidates);
            }
            for (var c : candidates) {
                if (c.isBefore(horizon) && judge(c).open()) {
                    return c;
                }
            }
            var event = nextEvent(from, zones);
            if (event == null) {
                return null;
            }
            // Held through (from, upTo]; with no event in it, held until the event too.
            from = event.isAfter(upTo) ? event.minusNanos(1) : upTo;
        }
        return null;
    }

    /** The first offset change or blackout edge after {@code after}; null when there is none. */
    private Instant nextEvent(final Instant after, final Set<ZoneId> zones) {
        Instant first = null;
        for (ZoneId z : zones) {
            var t = z.getRules().nextTransition(after);
            if (t != null && (first == null || t.getInstant().isBefore(first))) {
                first = t.getInstant();
            }
        }
        for (var s : schedules) {
            var edge = s.nextBlackoutEdge(after);
            if (edge != null && (first == null || edge.isBefore(first))) {
                first = edge;
            }
        }
        return first;
    }

    private static void addOffsetChanges(final ZoneId zone, final Instant after, final Instant upTo,
                                         final TreeSet<Instant> out) {
        var rules = zone.getRules();
        for (var t = rules.nextTransition(after); t != null && !t.getInstant().isAfter(upTo);
                t = rules.nextTransition(t.getInstant())) {
            out.add(t.getInstant());
        }
    }

    /** One line per rule, for explaining a policy to people. */
    public List<String> describe() {
        if (schedules.isEmpty()) {
            return List.of("unrestricted: deploys may start at any time");
        }
        var lines = new ArrayList<String>();
        for (var s : schedules) {
            s.allow().forEach(r -> lines.add("allow " + r.name() + ": " + r.describe()));
            s.deny().forEach(r -> lines.add("deny " + r.name() + ": " + r.describe()));
            s.blackouts().forEach(b -> lines.add("blackout " + b.name() + ": " + b.label()));
        }
        return lines;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof WindowPolicy p && schedules.equals(p.schedules);
    }

    @Override
    public int hashCode() {
        return schedules.hashCode();
    }

    @Override
    public String toString() {
        return String.join("; ", describe());
    }
}
