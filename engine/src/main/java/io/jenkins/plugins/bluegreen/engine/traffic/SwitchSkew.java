package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How far apart the hosts began answering from the new target: the window in which some users got
 * the new release and others the old one, depending on the host. A host counts as answering from
 * the moment its verification confirmed the new target.
 *
 * @param first the host that answered first
 * @param last the host that answered last
 */
public record SwitchSkew(Duration spread, Host first, Host last) {
    /** The skew of hosts that each answered at the given moment; at least one host. */
    public static SwitchSkew of(final Map<Host, Instant> answered) {
        var first = answered.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        var last = answered.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        return new SwitchSkew(Duration.between(first.getValue(), last.getValue()), first.getKey(), last.getKey());
    }

    /** As the log reads it: {@code switch skew 12 ms (web-1 first, web-3 last)}. */
    public String describe() {
        var text = "switch skew " + spread.toMillis() + " ms";
        return first.equals(last) ? text + " (one host)" : text + " (" + first + " first, " + last + " last)";
    }
}
