package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Switches a host by rewriting the nginx upstream include: the prepare writes it atomically and lets
 * nginx test the whole configuration, the commit reloads gracefully, then the verify checks through
 * the public URL that nginx now sends requests to the new port. A file nginx rejects, a reload that
 * fails, or a prepared file withdrawn is replaced by the one that was there before, so nginx and its
 * files stay in step.
 */
public final class NginxSwitch implements TrafficSwitch {
    private final NginxSettings settings;
    private final NginxCommands commands;
    private final UpstreamProbe probe;
    private final SwitchEvents events;

    public NginxSwitch(final NginxSettings settings, final EventSink events) {
        this.settings = settings;
        this.commands = new NginxCommands(settings);
        this.probe = new UpstreamProbe(settings.commandTimeout());
        this.events = new SwitchEvents(events);
    }

    /** Writes the new upstream file and has nginx test it; nginx keeps serving from what it loaded. */
    @Override
    public PreparedSwitch prepare(final Connection host, final Target target) {
        var content = NginxUpstream.render(target);
        var before = run(host, commands.read(), null).orThrow().stdout();
        // Refuses, before anything changes, to replace an upstream file an admin wrote by hand.
        var previous = NginxUpstream.parse(before, where(host));
        run(host, commands.write(), content).orThrow();
        var test = run(host, commands.test(), null);
        if (!test.ok()) {
            restore(host, before);
            throw new DeployFailedException(host.host() + ": nginx rejected the upstream file for "
                    + target.describe() + "; the previous file is back in " + settings.upstreamFile()
                    + detail(test));
        }
        return new PreparedUpstream(host, target, before, previous);
    }

    /** An upstream file written and tested on one host, not loaded by nginx yet. */
    private final class PreparedUpstream implements PreparedSwitch {
        private final Connection host;
        private final Target target;
        private final String before;
        private final Optional<Target> previous;

        PreparedUpstream(final Connection host, final Target target, final String before,
                         final Optional<Target> previous) {
            this.host = host;
            this.target = target;
            this.before = before;
            this.previous = previous;
        }

        @Override
        public Optional<Target> previous() {
            return previous;
        }

        /** Reloads nginx gracefully: new workers take the new upstream, old ones finish their requests. */
        @Override
        public void commit() {
            var reload = run(host, commands.reload(), null);
            if (!reload.ok()) {
                restore(host, before);
                throw new DeployFailedException(host.host() + ": nginx did not reload for " + target.describe()
                        + "; the previous file is back in " + settings.upstreamFile() + detail(reload));
            }
            events.info(host, "nginx reloaded with upstream " + NginxUpstream.upstreamAddress(target) + " for "
                    + target.describe());
        }

        /** nginx never loaded the new file, so putting the old one back is all it takes. */
        @Override
        public void withdraw() {
            restore(host, before);
        }
    }

    @Override
    public Optional<Target> current(final Connection host) {
        var content = run(host, commands.read(), null).orThrow().stdout();
        return NginxUpstream.parse(content, where(host));
    }

    @Override
    public void verify(final Connection host, final Target target) {
        var expected = NginxUpstream.upstreamAddress(target);
        int attempts = probe.await(host, settings.publicUrl(), expected, settings.verifyAttempts(),
                settings.verifyInterval());
        events.info(host, settings.publicUrl() + " answers from " + expected + " (" + attempts
                + (attempts == 1 ? " request)" : " requests)"));
    }

    /** Puts back the file that was there before; the running nginx never loaded the rejected one. */
    private void restore(final Connection host, final String previous) {
        // stdout comes back as lines without the last newline; the file we wrote had one.
        var back = previous.isEmpty() ? run(host, commands.remove(), null) : run(host, commands.write(), previous + "\n");
        if (!back.ok()) {
            throw new DeployFailedException(host.host() + ": could not restore the previous "
                    + settings.upstreamFile() + "; nginx -t will fail until it is fixed" + detail(back));
        }
    }

    private String where(final Connection host) {
        return host.host() + ": " + settings.upstreamFile();
    }

    private CommandResult run(final Connection host, final Command command, final String stdin) {
        var input = stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8);
        return host.run(command, input, OutputListener.discard(), settings.commandTimeout());
    }

    private static String detail(final CommandResult result) {
        var lines = result.stderrTail().isEmpty() ? result.stdout().strip().lines().toList() : result.stderrTail();
        return lines.isEmpty() ? " (exit " + result.exitCode() + ")" : ":\n  " + String.join("\n  ", lines);
    }
}
