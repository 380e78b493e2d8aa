package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.health.GateResult;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A release booted and gated on the idle color of every host, traffic still on the live one, the
 * deploy locks held: what {@link BlueGreenDeploy#stage} hands to {@link BlueGreenDeploy#promote}
 * or {@link BlueGreenDeploy#abandon}. Plain values, so a front end can keep it across a restart.
 *
 * @param liveColor the color serving traffic, {@code null} on a first deploy
 * @param previousVersion the release it serves, {@code null} on a first deploy
 * @param at when the deploy started, as recorded in its labels and history
 */
public record StagedDeploy(String version, String requestedBy, String message, boolean rollback, Color color,
                           Color liveColor, String previousVersion, Instant at, Map<Phase, Duration> phases,
                           List<GateResult> gates) {
    public StagedDeploy {
        phases = phases.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(phases));
        gates = List.copyOf(gates);
    }

    /** The plan this stage belongs to, without its hooks (they have run). */
    DeployPlan plan() {
        var plan = new DeployPlan(version, requestedBy, message, false, false, null, null);
        return rollback ? plan.asRollback() : plan;
    }

    DeployStamp stamp() {
        return new DeployStamp(at, requestedBy);
    }
}
