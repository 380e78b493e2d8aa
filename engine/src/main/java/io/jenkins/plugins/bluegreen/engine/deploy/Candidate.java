package io.jenkins.plugins.bluegreen.engine.deploy;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The new color as a pre-switch hook sees it: booted and healthy, not yet live.
 *
 * @param urls per host (as the config names it), the base URL that reaches the new color from here
 *             (a tunnel's local port when the gate goes through SSH); valid while the hook runs
 */
public record Candidate(String version, Color color, List<String> hosts, Map<String, URI> urls) {
    public Candidate {
        hosts = List.copyOf(hosts);
        urls = Map.copyOf(urls);
    }
}
