package io.jenkins.plugins.bluegreen.engine.watch;

import io.jenkins.plugins.bluegreen.engine.remote.Connection;

import java.time.Duration;
import java.util.List;

/**
 * The release a watch judges, as the sources need it: which service, color and version (for
 * Prometheus' placeholders), the host port that color publishes (how an access-log line names the
 * color that answered it), the hosts' open connections and the watch interval.
 */
public record WatchedRelease(String service, String color, String version, int port, List<Connection> hosts,
                             Duration interval) {
    public WatchedRelease {
        hosts = List.copyOf(hosts);
    }
}
