package io.jenkins.plugins.bluegreen.engine.api;

import io.jenkins.plugins.bluegreen.engine.event.Phase;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a deploy or rollback left things: the release now live, the one before it, the color that
 * serves it, on which hosts, and how long each phase took.
 *
 * @param previousVersion the release live before, or {@code null} on a first deploy
 * @param switchSkew how far apart the hosts began serving {@code version}, {@code null} when traffic did not move
 * @param watch what the watch after the switch saw and decided, {@code null} when nothing was watched
 */
public record DeployOutcome(String version, String previousVersion, String color, List<String> hosts,
                            Map<Phase, Duration> phases, Duration switchSkew, WatchReport watch) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DeployOutcome {
        hosts = List.copyOf(hosts);
        phases = phases.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(phases));
    }

    /** An outcome nothing watched: a rollback, an abandoned release. */
    public DeployOutcome(final String version, final String previousVersion, final String color, final List<String> hosts,
                         final Map<Phase, Duration> phases, final Duration switchSkew) {
        this(version, previousVersion, color, hosts, phases, switchSkew, null);
    }

    /**
     * The outcome as plain values a pipeline script may keep and read ({@code result.version},
     * {@code result.durations.switch}, {@code result.switchSkewMillis}); durations are in milliseconds,
     * keyed by lower-case phase.
     */
    public Map<String, Object> asMap() {
        var durations = new LinkedHashMap<String, Object>();
        new EnumMap<>(phases).forEach((phase, took) -> durations.put(phase.name().toLowerCase(Locale.ROOT), took.toMillis()));
        var map = new LinkedHashMap<String, Object>();
        map.put("version", version);
        map.put("previousVersion", previousVersion);
        map.put("color", color);
        map.put("hosts", new ArrayList<>(hosts));
        map.put("durations", durations);
        if (switchSkew != null) {
            map.put("switchSkewMillis", switchSkew.toMillis());
        }
        if (watch != null) {
            map.put("watchVerdict", watch.verdict().name());
            map.put("watchSummary", watch.summary());
        }
        return map;
    }
}
