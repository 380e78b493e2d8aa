package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.health.GateResult;
import io.jenkins.plugins.bluegreen.engine.traffic.SwitchSkew;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a deploy ended: which release serves traffic now, which one did before, on which color,
 * host by host, how long each phase took and what the gate saw.
 *
 * @param previousVersion the release live before, or {@code null} on a first deploy
 * @param color the color the new release was booted in
 * @param switchSkew how far apart the hosts began serving the new release, {@code null} when traffic never moved
 * @param failure why it did not go live, {@code null} when it did
 * @param watch what the watch after the switch saw, {@code null} when there was none
 */
public record DeployResult(Outcome outcome, String version, String previousVersion, Color color,
                           List<HostRow> hosts, Map<Phase, Duration> phases, SwitchSkew switchSkew,
                           List<GateResult> gates, String failure, WatchReport watch) {
    public enum Outcome {
        /** The new release serves traffic. */
        LIVE,
        /** Stopped before the switch; traffic never moved. */
        ABORTED,
        /** Went live, failed the watch, and traffic went back by itself. */
        ROLLED_BACK
    }

    /** One host's line: the release and color serving it when the deploy ended. */
    public record HostRow(String host, String liveVersion, Color liveColor, String note) {
    }

    public DeployResult {
        hosts = List.copyOf(hosts);
        phases = phases.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(phases));
        gates = List.copyOf(gates);
    }

    /** The result as the front ends report it: the release live, the one before, the color, the hosts. */
    public DeployOutcome asOutcome() {
        return new DeployOutcome(version, previousVersion, color.label(), hosts.stream().map(HostRow::host).toList(),
                phases, switchSkew == null ? null : switchSkew.spread(), watch);
    }

    /**
     * The per-phase timeline as people read it: {@code lock 0.05s, boot 1.20s, ...} in phase order,
     * then the switch skew when traffic moved.
     */
    public String timeline() {
        var phaseTimes = new EnumMap<>(phases).entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2fs", e.getKey().name().toLowerCase(Locale.ROOT),
                        e.getValue().toMillis() / 1000.0))
                .collect(Collectors.joining(", "));
        return switchSkew == null ? phaseTimes : phaseTimes + "; " + switchSkew.describe();
    }

    /** A plain-text table of the hosts, for logs. */
    public String table() {
        int width = Math.max(4, hosts.stream().mapToInt(h -> h.host().length()).max().orElse(4));
        var format = "%-" + width + "s  %-12s  %-5s  %s";
        return String.format(Locale.ROOT, format, "HOST", "LIVE", "COLOR", "NOTE").stripTrailing() + "\n"
                + hosts.stream().map(h -> String.format(Locale.ROOT, format, h.host(),
                        h.liveVersion() == null ? "-" : h.liveVersion(),
                        h.liveColor() == null ? "-" : h.liveColor().label(), h.note()).stripTrailing())
                .collect(Collectors.joining("\n"));
    }
}
