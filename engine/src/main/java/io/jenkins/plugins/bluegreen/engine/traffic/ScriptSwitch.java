package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Switches a host with the user's own commands, for proxies other than nginx (HAProxy, a cloud load
 * balancer's CLI, Traefik labels...). {@code switch} points traffic at a target; the optional
 * {@code current} prints {@code color=<c> port=<p> version=<v>} so a failed multi-host switch can put
 * hosts back; the optional {@code verify} exits 0 once the target answers.
 *
 * <p>Of the two steps of a switch, a script has only the second: {@link #prepare} changes nothing,
 * and the commit runs {@code switch}.
 */
public final class ScriptSwitch implements TrafficSwitch {
    static final Set<String> TARGET_PLACEHOLDERS = Set.of("color", "port", "host", "version", "service");
    static final Set<String> HOST_PLACEHOLDERS = Set.of("host", "service");

    private final String service;
    private final ScriptTemplate switchCommand;
    private final Optional<ScriptTemplate> currentCommand;
    private final Optional<ScriptTemplate> verifyCommand;
    private final Duration timeout;
    private final SwitchEvents events;

    /**
     * @param current shell text printing the live target, or {@code null} when the proxy cannot tell
     * @param verify shell text that exits 0 once the target answers, or {@code null} to trust {@code switch}
     */
    public ScriptSwitch(final String service, final String switchText, final String current, final String verify,
                        final Duration timeout, final EventSink events) {
        this.service = service;
        this.switchCommand = new ScriptTemplate("x-bluegreen/traffic/switch", switchText, TARGET_PLACEHOLDERS);
        this.currentCommand = Optional.ofNullable(current)
                .map(t -> new ScriptTemplate("x-bluegreen/traffic/current", t, HOST_PLACEHOLDERS));
        this.verifyCommand = Optional.ofNullable(verify)
                .map(t -> new ScriptTemplate("x-bluegreen/traffic/verify", t, TARGET_PLACEHOLDERS));
        this.timeout = timeout;
        this.events = new SwitchEvents(events);
    }

    /**
     * A script has one step, which moves traffic, so preparing only reads what is live (for putting
     * the host back); the {@code switch} command runs at the commit, on every host at once.
     */
    @Override
    public PreparedSwitch prepare(final Connection host, final Target target) {
        var previous = current(host);
        return new PreparedSwitch() {
            @Override
            public Optional<Target> previous() {
                return previous;
            }

            @Override
            public void commit() {
                run(host, switchCommand, values(host, target), "switch to " + target.describe());
                events.info(host, "switch command pointed traffic at " + target.describe());
            }

            /** Nothing ran on the host yet. */
            @Override
            public void withdraw() {
            }
        };
    }

    @Override
    public Optional<Target> current(final Connection host) {
        if (currentCommand.isEmpty()) {
            return Optional.empty();
        }
        var values = Map.of("host", host.host().name(), "service", service);
        var out = run(host, currentCommand.get(), values, "tell the live target").stdout().strip();
        return out.isEmpty() ? Optional.empty() : Optional.of(parse(host, out));
    }

    @Override
    public void verify(final Connection host, final Target target) {
        if (verifyCommand.isPresent()) {
            run(host, verifyCommand.get(), values(host, target), "verify " + target.describe());
            events.info(host, "verify command confirmed " + target.describe());
        }
    }

    private Map<String, String> values(final Connection host, final Target target) {
        return Map.of("color", target.color(), "port", Integer.toString(target.port()), "host", host.host().name(),
                "version", target.version(), "service", target.service());
    }

    private CommandResult run(final Connection host, final ScriptTemplate template, final Map<String, String> values,
                              final String purpose) {
        var result = host.run(template.command(values), OutputListener.discard(), timeout);
        if (!result.ok()) {
            var tail = result.stderrTail().isEmpty() ? "" : ":\n  " + String.join("\n  ", result.stderrTail());
            throw new DeployFailedException(host.host() + ": " + template.key() + " command failed to " + purpose
                    + " (exit " + result.exitCode() + ")" + tail);
        }
        return result;
    }

    /** Reads {@code color=green port=3002 version=v2}, words in any order. */
    private Target parse(final Connection host, final String out) {
        var last = out.lines().reduce((a, b) -> b).orElse("").strip();
        var fields = new HashMap<String, String>();
        for (String word : last.split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                fields.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        try {
            return new Target(service, fields.get("color"), Integer.parseInt(fields.getOrDefault("port", "")),
                    fields.get("version"));
        }
        catch (NumberFormatException | InvalidInputException e) {
            throw new InvalidInputException(host.host() + ": x-bluegreen/traffic/current: expected its last line to be"
                    + " 'color=<color> port=<port> version=<version>', got '" + last + "'");
        }
    }
}
