package io.jenkins.plugins.bluegreen.engine.api;

import io.jenkins.plugins.bluegreen.engine.event.Phase;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A release booted on the idle color and past its health gate, with traffic still on the old
 * color. It is what a front end keeps while its own checks run (a pipeline's smoke tests), then
 * hands back to {@link DeployEngine#promote} or {@link DeployEngine#abandon}; so it survives a
 * controller restart as plain serialized values.
 *
 * @param idleColor the color the new release runs on
 * @param liveVersion the release still serving traffic, or {@code null} on a first deploy
 * @param phases how long each phase took so far
 */
public record StagedRelease(DeployRequest request, String idleColor, String liveVersion, List<String> hosts,
                            Map<Phase, Duration> phases) implements Serializable {
    private static final long serialVersionUID = 1L;

    public StagedRelease {
        hosts = List.copyOf(hosts);
        phases = phases.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(phases));
    }
}
