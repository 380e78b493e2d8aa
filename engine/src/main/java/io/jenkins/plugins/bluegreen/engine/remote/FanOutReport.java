package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The per-host outcome of one fan-out, in host order, with a table for the log. */
public record FanOutReport(List<HostOutcome> outcomes) {
    public FanOutReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean ok() {
        return outcomes.stream().allMatch(HostOutcome::ok);
    }

    public List<HostOutcome> failures() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }

    /** This report if every host succeeded; otherwise a failure with the table. */
    public FanOutReport orThrow(final String operation) {
        if (ok()) {
            return this;
        }
        throw new DeployFailedException(operation + " failed on " + failures().size() + " of " + outcomes.size()
                + " host(s):\n" + render());
    }

    /** A plain-text table: host, status, exit, duration, reason (first line of it). */
    public String render() {
        int width = Math.max(4, outcomes.stream().mapToInt(o -> o.host().toString().length()).max().orElse(4));
        var format = "%-" + width + "s  %-9s  %4s  %8s  %s";
        var header = String.format(Locale.ROOT, format, "HOST", "STATUS", "EXIT", "TIME", "REASON").stripTrailing();
        return header + "\n" + outcomes.stream()
                .map(o -> String.format(Locale.ROOT, format, o.host(), o.status().name().toLowerCase(Locale.ROOT),
                        o.exitCode() == null ? "-" : o.exitCode(),
                        String.format(Locale.ROOT, "%.2fs", o.duration().toMillis() / 1000.0),
                        o.reason().lines().findFirst().orElse("")).stripTrailing())
                .collect(Collectors.joining("\n"));
    }
}
