package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.EachHost;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Switches every host of a role at the same moment, in two phases, so that all of them serve the
 * same release or none does. Phase one prepares every host in parallel (nginx: write and test the
 * upstream file); only when every host is ready does phase two commit every host at once (nginx:
 * reload), each host's commit starting together with the others', and verify each host as soon as
 * its commit is done. The time between the first and the last host answering from the new target
 * is the {@link SwitchSkew}.
 *
 * <p>All or none: when a host fails in phase one, the hosts that got ready withdraw their change
 * and traffic never moves; when one fails in phase two, every host goes back to the target it had
 * before. The error names the failing hosts and what was put back.
 */
public final class SwitchAll {
    /** What a host served before the switch; empty when it had no target (a first deploy). */
    public record Switched(Host host, Optional<Target> previous) {
    }

    /** Every host with what it served before, and how far apart they began serving the new target. */
    public record Result(List<Switched> hosts, SwitchSkew skew) {
    }

    /** How a switch back ended: the hosts that answer from their target again, and why the others do not. */
    public record Back(Map<Host, Instant> answered, Map<Host, String> failures) {
        /** The skew of the hosts that went back; empty when none did. */
        public Optional<SwitchSkew> skew() {
            return answered.isEmpty() ? Optional.empty() : Optional.of(SwitchSkew.of(answered));
        }
    }

    /** Where one host's traffic should go. */
    public record Move(Connection host, Target target) {
    }

    /** A host's change, ready in phase one. */
    private record Ready(Connection host, Target target, PreparedSwitch change) {
    }

    private final TrafficSwitch trafficSwitch;
    private final SwitchEvents events;

    public SwitchAll(final TrafficSwitch trafficSwitch, final EventSink events) {
        this.trafficSwitch = trafficSwitch;
        this.events = new SwitchEvents(events);
    }

    /**
     * Switches all {@code hosts} to {@code target}, all or none.
     *
     * @return each host, in order, with the target it had before (what a rollback switches back to)
     */
    public Result switchTo(final List<Connection> hosts, final Target target) {
        var prepared = prepare(hosts.stream().map(h -> new Move(h, target)).toList());
        var ready = prepared.values();
        if (!prepared.failures().isEmpty()) {
            throw failure(prepared.failures(), target, withdraw(ready));
        }
        var moved = commit(ready.values());
        if (!moved.failures().isEmpty()) {
            throw failure(moved.failures(), target, restore(ready.values()));
        }
        var skew = SwitchSkew.of(moved.values());
        events.all("every host serves " + target.describe() + "; " + skew.describe());
        return new Result(ready.values().stream().map(r -> new Switched(r.host().host(), r.change().previous()))
                .toList(), skew);
    }

    /**
     * Sends each host back to its own target, every host at once, as far as each can go: the
     * target is the release that served before, the safe side, so a host that cannot go back
     * does not hold the others on the release being left.
     */
    public Back switchBack(final List<Move> moves) {
        var prepared = prepare(moves);
        var moved = commit(prepared.values().values());
        var failures = new LinkedHashMap<>(prepared.failures());
        failures.putAll(moved.failures());
        return new Back(moved.values(), failures);
    }

    /** Phase one on every host in parallel. */
    private EachHost<Ready> prepare(final List<Move> moves) {
        // Keyed by host: a connection is no map key (a recording one changes its hash as it sends).
        var byHost = new LinkedHashMap<Host, Move>();
        moves.forEach(m -> byHost.put(m.host().host(), m));
        return EachHost.run(List.copyOf(byHost.keySet()), h -> {
            var host = byHost.get(h).host();
            var target = byHost.get(h).target();
            try {
                return new Ready(host, target, trafficSwitch.prepare(host, target));
            }
            catch (RuntimeException e) {
                events.report(Event.Level.ERROR, host, "could not prepare the switch to " + target.describe());
                throw e;
            }
        });
    }

    /**
     * Phase two: every host commits at once (no commit starts before every host's thread is at the
     * start line), then verifies.
     *
     * @return when each host was verified on its new target
     */
    private EachHost<Instant> commit(final Collection<Ready> ready) {
        var byHost = new LinkedHashMap<Host, Ready>();
        ready.forEach(r -> byHost.put(r.host().host(), r));
        var start = new CountDownLatch(byHost.size());
        return EachHost.run(List.copyOf(byHost.keySet()), h -> {
            var r = byHost.get(h);
            start.countDown();
            awaitTheOthers(start);
            try {
                r.change().commit();
                trafficSwitch.verify(r.host(), r.target());
            }
            catch (RuntimeException e) {
                events.report(Event.Level.ERROR, r.host(), "switch to " + r.target().describe() + " failed");
                throw e;
            }
            var answered = Instant.now();
            events.info(r.host(), "now serves " + r.target().describe());
            return answered;
        });
    }

    /** Takes back the changes of the hosts that got ready; says on which hosts that did not work. */
    private String withdraw(final Map<Host, Ready> ready) {
        var withdrawn = EachHost.run(List.copyOf(ready.keySet()), h -> {
            ready.get(h).change().withdraw();
            return h;
        });
        var text = "traffic never moved" + (withdrawn.values().isEmpty() ? ""
                : "; withdrew the prepared switch on " + names(withdrawn.values().keySet()));
        return withdrawn.failures().isEmpty() ? text : text + "; could NOT withdraw it on " + reasons(withdrawn.failures());
    }

    /** Sends every host that took part in phase two back to its previous target, all at once. */
    private String restore(final Collection<Ready> ready) {
        var moves = new ArrayList<Move>();
        var left = new ArrayList<String>();
        for (Ready r : ready) {
            r.change().previous().ifPresentOrElse(p -> moves.add(new Move(r.host(), p)),
                    () -> left.add(r.host().host() + " (it had no previous target)"));
        }
        var back = switchBack(moves);
        var restored = new ArrayList<String>();
        for (Move move : moves) {
            var why = back.failures().get(move.host().host());
            if (why == null) {
                restored.add(move.host().host() + " to " + move.target().describe());
                events.report(Event.Level.WARNING, move.host(), "switched back to " + move.target().describe());
            }
            else {
                left.add(move.host().host() + " (switching back failed: " + why + ")");
                events.report(Event.Level.ERROR, move.host(), "could not switch back to " + move.target().describe());
            }
        }
        var text = restored.isEmpty() ? "restored no host" : "restored " + String.join(", ", restored);
        return left.isEmpty() ? text : text + "; NOT restored: " + String.join(", ", left);
    }

    private static DeployFailedException failure(final Map<Host, String> failed, final Target target,
                                                 final String putBack) {
        return new DeployFailedException(names(failed.keySet()) + ": traffic switch to " + target.describe()
                + " failed; " + putBack + "\n" + String.join("\n", failed.values()));
    }

    private static void awaitTheOthers(final CountDownLatch start) {
        try {
            start.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailedException("interrupted before the traffic switch", e);
        }
    }

    private static String names(final Collection<Host> hosts) {
        return hosts.stream().map(Host::toString).collect(Collectors.joining(", "));
    }

    private static String reasons(final Map<Host, String> failures) {
        return failures.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
