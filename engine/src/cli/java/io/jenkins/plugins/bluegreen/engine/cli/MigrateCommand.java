package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.config.DeployConfig;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import io.jenkins.plugins.bluegreen.engine.config.Migrations;
import io.jenkins.plugins.bluegreen.engine.config.Registry;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerSpec;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.ledger.LedgerCommands;
import io.jenkins.plugins.bluegreen.engine.ledger.LedgerFormat;
import io.jenkins.plugins.bluegreen.engine.ledger.LiveState;
import io.jenkins.plugins.bluegreen.engine.migrate.MigrationCommands;
import io.jenkins.plugins.bluegreen.engine.migrate.MigrationPlan;
import io.jenkins.plugins.bluegreen.engine.migrate.MigrationRunner;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Run a release's migrations once on the primary role's first host, under the deploy lock"
                + " (see docs/migrations.md).",
                "Exit status: 0 migrated, 1 failed (lock held, backup, migration or replica wait), 2 bad input."})
final class MigrateCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--version", required = true, paramLabel = "VERSION",
            description = "The release whose migrations run: the image tag of the new code.")
    private String version;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = ConfigLoader.DEFAULT_FILE,
            description = "The config file (default: ${DEFAULT-VALUE}).")
    private Path file;

    @Option(names = {"-d", "--destination"}, paramLabel = "DEST", description = "The destination to migrate.")
    private String destination;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Folder of the release's migrations, for the lint and for counting what ran"
                    + " (default: migrations.lint.paths of the config, relative to this directory).")
    private Path dir;

    @Option(names = "--by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who migrates, for the lock and the ledger (default: ${DEFAULT-VALUE}).")
    private String by;

    @Option(names = "--message", paramLabel = "TEXT", description = "Why (a ticket, a build URL), for the lock and the ledger.")
    private String message;

    @Mixin
    private HostAccess access;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            var loaded = ConfigLoader.load(file, Optional.ofNullable(destination));
            loaded.warnings().forEach(w -> err.println("warning: " + w));
            var config = loaded.config();
            var mask = loaded.secretMask();
            var settings = withLintDir(config.extension().migrations());
            var service = new Service(config.service(), config.destination().orElse(null));
            var containers = new ContainerCommands(config.extension().runtime(), config.extension().runDirectory());
            var primaryHost = config.primaryRole().hosts().get(0);
            EventSink events = e -> {
                err.println(e.line());
                err.flush();
            };
            try (var connections = new Connections(access.connector(config.ssh(), mask, events))) {
                var primary = connections.get(primaryHost);
                var color = idleColor(primary, containers, service);
                var image = imageRef(config, version);
                var container = settings.inContainer() ? containerSpec(loaded, service, color, image, version) : null;
                var plan = new MigrationPlan(service, version, color, settings.inContainer() ? image : null, primaryHost,
                        config.allHosts(), container == null ? null : secrets(loaded), Optional.of(Path.of("").toAbsolutePath()),
                        new DeployStamp(Instant.now(), by), MigrationPlan.Locking.TAKE, message);
                var result = new MigrationRunner(new MigrationCommands(settings, containers, container),
                        events, mask).run(connections, plan);
                out.println("migrated " + service + " to " + version + ": schema " + shown(result.schemaBefore())
                        + " -> " + shown(result.schemaAfter()) + ", " + result.applied().map(n -> n + (n == 1 ? " migration" : " migrations") + " applied")
                        .orElse("number of migrations applied unknown")
                        + result.backup().map(b -> ", backup: " + b).orElse(""));
                out.flush();
                return 0;
            }
        }
        catch (InvalidInputException e) {
            err.println("migrate: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        catch (DeployFailedException e) {
            err.println("migrate: " + e.getMessage());
            err.flush();
            return FAILED;
        }
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

    /** The color the release will go to, from the primary's history: where a deploy would put it. */
    private static Color idleColor(final Connection primary, final ContainerCommands containers, final Service service) {
        var tail = primary.run(new LedgerCommands(containers.runDir()).tail(service, 200), OutputListener.discard(),
                Duration.ofSeconds(30)).orThrow();
        return new LiveState(service, List.of(), LedgerFormat.history(tail.stdout())).idle();
    }

    /** {@code <registry>/<image>:<version>}, as Kamal names a release's image; Docker Hub needs no prefix. */
    static String imageRef(final DeployConfig config, final String version) {
        var server = config.registry().map(Registry::server).filter(s -> !Registry.DOCKER_HUB.equals(s));
        return server.map(s -> s + "/").orElse("") + config.image() + ":" + version;
    }

    /** The primary role's container as the new release will run it; only its env, secrets and volumes matter here. */
    private static ContainerSpec containerSpec(final LoadedConfig loaded, final Service service, final Color color,
            final String image, final String version) {
        var config = loaded.config();
        var role = config.primaryRole();
        var clear = new LinkedHashMap<String, String>();
        role.env().clear().forEach((k, v) -> clear.put(k, loaded.resolve(v)));
        var ports = config.extension().ports();
        return new ContainerSpec(service, role.name(), color, image, version, clear,
                List.copyOf(role.env().secret().keySet()), config.volumes(), null, null, role.labels(), List.of(),
                color == Color.BLUE ? ports.blue() : ports.green(), ports.app(), false);
    }

    private static Map<String, String> secrets(final LoadedConfig loaded) {
        var values = new LinkedHashMap<String, String>();
        loaded.config().primaryRole().env().secret().forEach((name, ref) -> {
            var value = loaded.env().apply(ref.name());
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }
}
