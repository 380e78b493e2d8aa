package io.jenkins.plugins.bluegreen.engine.traffic;

import java.util.Optional;

/**
 * A switch of one host that {@link TrafficSwitch#prepare} made ready and that has not moved traffic
 * yet: it is either committed, or withdrawn when another host could not get ready.
 */
public interface PreparedSwitch {
    /** What the host served before; empty when it served nothing or the switch cannot tell. */
    Optional<Target> previous();

    /**
     * Moves the host's traffic to the prepared target. On failure the host is left as it was before
     * the prepare wherever the implementation can tell, and the exception names the host.
     */
    void commit();

    /** Takes back a change that was never committed; the host's traffic never moved. */
    void withdraw();
}
