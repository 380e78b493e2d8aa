package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.ledger.Release;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Every host of a service's traffic-carrying role as read at one moment, in config order. */
public record FleetStatus(Service service, String role, List<HostView> hosts) {
    public FleetStatus {
        Objects.requireNonNull(service, "service");
        hosts = List.copyOf(hosts);
    }

    /** Whether every host is reachable and serves the same color and version with the same warm release. */
    public boolean agreed() {
        return hosts.stream().allMatch(HostView::reachable)
                && hosts.stream().map(FleetStatus::signature).distinct().count() <= 1;
    }

    /** What must be equal on every host for them to agree. */
    private static String signature(final HostView h) {
        return h.live().map(Object::toString).orElse("-") + " " + h.liveRelease().map(Release::version).orElse("-")
                + " " + h.liveRunning() + " " + h.warm().map(s -> s.release().version()).orElse("-");
    }

    /** The live version every host serves, if they all serve the same one. */
    public Optional<String> liveVersion() {
        var versions = hosts.stream().map(h -> h.liveRelease().map(Release::version).orElse(null)).distinct().toList();
        return versions.size() == 1 ? Optional.ofNullable(versions.get(0)) : Optional.empty();
    }
}
