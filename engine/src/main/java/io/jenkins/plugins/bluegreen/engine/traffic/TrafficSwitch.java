package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.remote.Connection;

import java.util.Optional;

/**
 * Points one host's public traffic at a color. Implementations only switch the host they are given;
 * {@link SwitchAll} coordinates several hosts and puts them back when one fails.
 */
public interface TrafficSwitch {
    /**
     * Makes {@code target} the live color on the host and checks that it answers; on failure the
     * host is left as it was wherever the implementation can tell, and a
     * {@link io.jenkins.plugins.bluegreen.engine.DeployFailedException} names the host and the cause.
     */
    void switchTo(Connection host, Target target);

    /** The target the host sends traffic to now, or empty if it has none that this switch can tell. */
    Optional<Target> current(Connection host);

    /** Checks that public traffic on the host reaches {@code target}; throws if it does not. */
    void verify(Connection host, Target target);
}
