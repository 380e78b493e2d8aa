package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.config.Migrations;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.migrate.ReleaseMigrations;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bluegreen migrate}: a release's migrations on their own, exactly as a deploy runs them
 * (lint, lock, backup, migrate once on the primary host, ledger entry, replica wait), so a team can
 * migrate ahead of a deploy or retry after fixing a failed migration.
 */
@Command(name = "migrate",
        description = {"Run a release's migrations once on the primary role's first host, under the deploy lock"
                + " (see docs/migrations.md).",
                "Exit status: 0 migrated, 1 failed (lock held, backup, migration or replica wait), 2 bad input."})
final class MigrateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = "--version", required = true, paramLabel = "VERSION",
            description = "The release whose migrations run: the image tag of the new code.")
    private String version;

    @Mixin
    private ConfigSource source;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Folder of the release's migrations, for the lint and for counting what ran"
                    + " (default: migrations.lint.paths of the config, relative to this directory).")
    private Path dir;

    @Mixin
    private Recorded record;

    @Mixin
    private HostAccess access;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        return Exits.of(err, "migrate: ", () -> {
            var loaded = source.load(err);
            var config = loaded.config();
            EventSink events = e -> {
                err.println(e.line());
                err.flush();
            };
            var migrations = new ReleaseMigrations(loaded, withLintDir(config.extension().migrations()), events);
            var service = new Service(config.service(), config.destination().orElse(null));
            try (var connections = new Connections(access.connector(config.ssh(), loaded.secretMask(), events))) {
                var result = migrations.run(connections, version, new DeployStamp(Instant.now(), record.by()),
                        record.reason(), Optional.of(Path.of("").toAbsolutePath()));
                out.println("migrated " + service + " to " + version + ": schema " + shown(result.schemaBefore())
                        + " -> " + shown(result.schemaAfter()) + ", " + result.applied().map(n -> n + (n == 1 ? " migration" : " migrations") + " applied")
                        .orElse("number of migrations applied unknown")
                        + result.backup().map(b -> ", backup: " + b).orElse(""));
                out.flush();
                return Exits.DONE;
            }
        });
    }

    private static String shown(final String schema) {
        return schema == null ? "(none)" : schema;
    }

    private Migrations withLintDir(final Migrations m) {
        if (dir == null) {
            return m;
        }
        return new Migrations(m.command(), m.statusCommand(), m.rollbackCommand(), m.inContainer(), m.backup(),
                m.replicaWait(), new Migrations.Lint(m.lint().mode(), List.of(dir.toString())));
    }
}
