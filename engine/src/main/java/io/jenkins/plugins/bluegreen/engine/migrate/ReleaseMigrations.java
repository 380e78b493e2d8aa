package io.jenkins.plugins.bluegreen.engine.migrate;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import io.jenkins.plugins.bluegreen.engine.config.Migrations;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerSpec;
import io.jenkins.plugins.bluegreen.engine.container.RegistryLogin;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.ledger.LedgerCommands;
import io.jenkins.plugins.bluegreen.engine.ledger.LedgerFormat;
import io.jenkins.plugins.bluegreen.engine.ledger.LiveState;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migrations of a config's service, wired the same way for every front door (the CLI's
 * {@code migrate} and {@code rollback}, the Jenkins steps): where they run (the primary role's
 * first host), in which container, with which secrets, and for a schema rollback in the container
 * of the release that ran them.
 */
public final class ReleaseMigrations {
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final int HISTORY_LINES = 200;

    private final LoadedConfig loaded;
    private final Migrations settings;
    private final Service service;
    private final ContainerCommands containers;
    private final EventSink events;

    /** @param settings the config's {@code x-bluegreen.migrations}, or the CLI's variant of it */
    public ReleaseMigrations(final LoadedConfig loaded, final Migrations settings, final EventSink events) {
        var config = loaded.config();
        this.loaded = loaded;
        this.settings = settings;
        this.service = new Service(config.service(), config.destination().orElse(null));
        this.containers = new ContainerCommands(config.extension().runtime(), config.extension().runDirectory());
        this.events = events;
    }

    public ReleaseMigrations(final LoadedConfig loaded, final EventSink events) {
        this(loaded, loaded.config().extension().migrations(), events);
    }

    /** The only host migrations run on. */
    public Host primary() {
        return loaded.config().primaryRole().hosts().get(0);
    }

    /**
     * Runs the migrations of {@code version} on their own, taking the deploy lock for the run.
     *
     * @param workspace the checked-out release, for the lint and for counting what ran
     */
    public MigrationResult run(final Connections connections, final String version, final DeployStamp stamp,
                               final String message, final Optional<Path> workspace) {
        var config = loaded.config();
        var primary = connections.get(primary());
        var color = history(primary).idle();
        var image = config.releaseImage(version);
        var plan = new MigrationPlan(service, version, color, settings.inContainer() ? image : null,
                settings.inContainer() ? RegistryLogin.of(loaded) : Optional.empty(), primary(),
                config.allHosts(), settings.inContainer() ? secrets() : null, workspace, stamp,
                MigrationPlan.Locking.TAKE, message);
        return new MigrationRunner(commands(color, image, version), events, loaded.secretMask()).run(connections, plan);
    }

    /**
     * Undoes the last {@code steps} migrations on {@code primary}, in the container of the release
     * live there: the one whose code knows how to undo them.
     */
    public void rollBack(final Connection primary, final int steps) {
        if (!settings.inContainer()) {
            new SchemaRollback(commands(null, null, null), events).run(primary, steps);
            return;
        }
        var live = history(primary);
        var release = live.releases().stream().findFirst().orElseThrow(() -> new DeployFailedException(primary.host()
                + ": the history names no release to run migrations.rollback_command in (in_container: true);"
                + " the schema was not touched"));
        var image = release.image() == null ? loaded.config().releaseImage(release.version()) : release.image();
        new SchemaRollback(commands(live.live().orElse(release.color()), image, release.version()), events)
                .run(primary, steps);
    }

    private LiveState history(final Connection primary) {
        var tail = primary.run(new LedgerCommands(containers.runDir()).tail(service, HISTORY_LINES),
                OutputListener.discard(), QUICK).orThrow();
        return new LiveState(service, List.of(), LedgerFormat.history(tail.stdout()));
    }

    private MigrationCommands commands(final Color color, final String image, final String version) {
        return new MigrationCommands(settings, containers, settings.inContainer() ? spec(color, image, version) : null);
    }

    /** The primary role's container as the release runs it; only its env, secrets and volumes matter here. */
    private ContainerSpec spec(final Color color, final String image, final String version) {
        var config = loaded.config();
        var role = config.primaryRole();
        var clear = new LinkedHashMap<String, String>();
        role.env().clear().forEach((k, v) -> clear.put(k, loaded.resolve(v)));
        var ports = config.extension().ports();
        return new ContainerSpec(service, role.name(), color, image, version, clear,
                List.copyOf(role.env().secret().keySet()), config.volumes(), role.options(), role.labels(), List.of(),
                color == Color.BLUE ? ports.blue() : ports.green(), ports.app(), false);
    }

    private Map<String, String> secrets() {
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
