package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.rollback.StatusReport;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bluegreen status}: what every host serves, what is warm, who holds the lock, the last
 * releases. Exit 0 when every host was read and they agree, 1 when they disagree or one could not
 * be read, 2 for bad input.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show what every host serves: live color and version, since when and by whom, the warm color,"
                + " the deploy lock and the last releases.",
                "Exit 0 when all hosts agree, 1 when they disagree or one cannot be read, 2 on bad input."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    private ConfigSource source;

    @Mixin
    private HostAccess access;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Option(names = "--releases", defaultValue = "5", paramLabel = "N",
            description = "Past releases to list per host (default: ${DEFAULT-VALUE}).")
    private int releases;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        return Exits.of(err, "", () -> {
            if (releases < 1) {
                throw new InvalidInputException("--releases: expected a positive number, got " + releases);
            }
            var target = new ServiceHosts(source, err);
            try (var connections = target.connections(access, e -> err.println(e.line()))) {
                var status = target.statusReader().read(connections, target.hosts());
                var report = new StatusReport(status, releases);
                out.print(json ? report.json() + "\n" : report.text());
                out.flush();
                return status.agreed() ? Exits.DONE : Exits.FAILED;
            }
        });
    }
}
