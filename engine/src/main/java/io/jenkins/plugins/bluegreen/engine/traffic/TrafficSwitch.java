package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.remote.Connection;

import java.util.Optional;

/**
 * Points one host's public traffic at a color, in two steps so that {@link SwitchAll} can move every
 * host at the same moment: {@link #prepare} does everything that may fail without moving traffic
 * (nginx: write the upstream file and test it), and {@link PreparedSwitch#commit} moves it (nginx:
 * reload). Implementations only switch the host they are given; {@link SwitchAll} coordinates
 * several hosts and puts them back when one fails.
 */
public interface TrafficSwitch {
    /**
     * Readies {@code target} on the host without moving traffic. On failure the host is left as it
     * was wherever the implementation can tell, and a
     * {@link io.jenkins.plugins.bluegreen.engine.DeployFailedException} names the host and the cause.
     */
    PreparedSwitch prepare(Connection host, Target target);

    /** The target the host sends traffic to now, or empty if it has none that this switch can tell. */
    Optional<Target> current(Connection host);

    /** Checks that public traffic on the host reaches {@code target}; throws if it does not. */
    void verify(Connection host, Target target);

    /** Switches this one host: prepare, commit, verify. */
    default void switchTo(final Connection host, final Target target) {
        prepare(host, target).commit();
        verify(host, target);
    }
}
