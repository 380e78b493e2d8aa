package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import io.jenkins.plugins.bluegreen.engine.deploy.ConfigRollback;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;

import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bluegreen rollback}: traffic back to the previous release, or {@code --to} a named one.
 * Never held by deployment windows. Exit 0 when done, 1 when refused or failed (the message says
 * where traffic is), 2 for bad input.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Put the previous release (or --to VERSION) back in front of the traffic of every host.",
                "Instant when that release is still warm on the idle color. Not held by deployment windows.",
                "Exit 0 when done, 1 when refused or failed, 2 on bad input."})
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    private ConfigSource source;

    @Mixin
    private HostAccess access;

    @ArgGroup(exclusive = true)
    private Release release;

    /** Which release to return to: named, or the previous one (also what happens when neither is given). */
    static final class Release {
        @Option(names = "--to", paramLabel = "VERSION", description = "The release to return to.")
        private String version;

        @Option(names = "--to-previous", description = "The release live before the current one (the default).")
        private boolean previous;
    }

    @Option(names = "--schema", description = "Also roll the database schema back when the release needs it.")
    private boolean schema;

    @Mixin
    private Recorded record;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        return Exits.of(err, "", () -> {
            var request = new RollbackRequest(null, null, release == null ? null : release.version, schema,
                    record.by(), record.reason());
            var target = new ServiceHosts(source, err);
            EventSink events = e -> err.println(e.line());
            var connector = target.connector(access, events);
            try (var connections = new Connections(connector)) {
                var hosts = target.hosts().stream().map(connections::get).toList();
                var outcome = ConfigRollback.of(target.loaded(), connector, connections, request.requestedBy(), events)
                        .run(hosts, request);
                out.println(outcome.version() + " is live on " + outcome.color() + " on " + outcome.hosts().size()
                        + " host(s), rolled back from " + (outcome.previousVersion() == null ? "mixed releases"
                        : outcome.previousVersion()) + "; switch took " + outcome.phases().get(Phase.SWITCH).toMillis()
                        + " ms" + (outcome.switchSkew() == null ? ""
                        : ", switch skew " + outcome.switchSkew().toMillis() + " ms"));
                out.flush();
                return Exits.DONE;
            }
        });
    }
}
