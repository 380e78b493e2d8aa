package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Switches every host of a role, one after the other, so all of them serve the same release or
 * none does: when one host fails, every host touched so far, the failing one included, goes back to
 * the target it had before, and the error names the failing host and what was put back.
 */
public final class SwitchAll {
    /** What a host served before the switch; empty when it had no target (a first deploy). */
    public record Switched(Host host, Optional<Target> previous) {
    }

    private final TrafficSwitch trafficSwitch;
    private final SwitchEvents events;

    public SwitchAll(final TrafficSwitch trafficSwitch, final EventSink events) {
        this.trafficSwitch = trafficSwitch;
        this.events = new SwitchEvents(events);
    }

    /**
     * Switches all {@code hosts} to {@code target} in order.
     *
     * @return each host with the target it had before, in order: what a rollback switches back to
     */
    public List<Switched> switchTo(final List<Connection> hosts, final Target target) {
        var touched = new ArrayList<Touched>();
        for (Connection host : hosts) {
            try {
                touched.add(new Touched(host, trafficSwitch.current(host)));
                trafficSwitch.switchTo(host, target);
            }
            catch (RuntimeException e) {
                events.report(Event.Level.ERROR, host, "switch to " + target.describe() + " failed");
                throw new DeployFailedException(host.host() + ": traffic switch to " + target.describe() + " failed; "
                        + restore(touched) + "\n" + e.getMessage(), e);
            }
            events.report(Event.Level.INFO, host, "now serves " + target.describe());
        }
        return touched.stream().map(t -> new Switched(t.host().host(), t.previous())).toList();
    }

    /** A host the switch may have changed, with the target it had before. */
    private record Touched(Connection host, Optional<Target> previous) {
    }

    /** Puts each touched host back, newest first, and says how each one ended. */
    private String restore(final List<Touched> touched) {
        var restored = new ArrayList<String>();
        var left = new ArrayList<String>();
        for (int i = touched.size() - 1; i >= 0; i--) {
            var host = touched.get(i).host();
            var previous = touched.get(i).previous();
            if (previous.isEmpty()) {
                left.add(host.host() + " (it had no previous target)");
                continue;
            }
            try {
                trafficSwitch.switchTo(host, previous.get());
                restored.add(host.host() + " to " + previous.get().describe());
                events.report(Event.Level.WARNING, host, "switched back to " + previous.get().describe());
            }
            catch (RuntimeException e) {
                left.add(host.host() + " (switching back failed: " + e.getMessage() + ")");
                events.report(Event.Level.ERROR, host, "could not switch back to " + previous.get().describe());
            }
        }
        var text = restored.isEmpty() ? "restored no host" : "restored " + String.join(", ", restored);
        return left.isEmpty() ? text : text + "; NOT restored: " + String.join(", ", left);
    }
}
