package io.jenkins.plugins.bluegreen.engine.migrate;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.config.Migrations;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ImagePull;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.health.Sleeper;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.Ledger;
import io.jenkins.plugins.bluegreen.engine.ledger.LedgerCommands;
import io.jenkins.plugins.bluegreen.engine.ledger.LedgerFormat;
import io.jenkins.plugins.bluegreen.engine.ledger.Release;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;
import io.jenkins.plugins.bluegreen.engine.migrate.lint.MigrationFiles;
import io.jenkins.plugins.bluegreen.engine.migrate.lint.MigrationLint;
import io.jenkins.plugins.bluegreen.engine.migrate.lint.Policy;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a release's migrations once, before its code goes live, in this order: lint the release's new
 * migration files, take the deploy lock (unless the caller holds it), back up, read the schema
 * version, migrate on the primary host only, read the version again, record a MIGRATE entry in the
 * ledger, wait for the replicas. Any failure stops there with a message saying what ran and what did
 * not; traffic is never touched.
 */
public final class MigrationRunner {
    /** A migration may rewrite a large table; a hung one is still stopped eventually. */
    static final Duration COMMAND_TIMEOUT = Duration.ofHours(1);
    private static final Duration QUICK = Duration.ofSeconds(30);
    /** The bound a boot gives each of its commands, the pull among them. */
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);
    private static final int TAIL_LINES = 20;
    private static final int HISTORY_LINES = 200;

    private final MigrationCommands commands;
    private final EventSink events;
    private final SecretMask mask;
    private final Sleeper sleeper;
    private final DeployLock lock;
    private final Ledger ledger;
    private final LedgerCommands history;

    /**
     * @param mask hides secret values in what the runner itself writes (the backup script in events
     *             and the ledger); command output is masked by the connections
     */
    public MigrationRunner(final MigrationCommands commands, final EventSink events, final SecretMask mask) {
        this(commands, events, mask, Sleeper.real());
    }

    MigrationRunner(final MigrationCommands commands, final EventSink events, final SecretMask mask,
            final Sleeper sleeper) {
        this.commands = commands;
        this.events = events;
        this.mask = mask;
        this.sleeper = sleeper;
        var runDir = commands.containers().runDir();
        this.lock = new DeployLock(runDir);
        this.ledger = new Ledger(commands.containers());
        this.history = new LedgerCommands(runDir);
    }

    public MigrationResult run(final Connections connections, final MigrationPlan plan) {
        long started = System.nanoTime();
        var primary = connections.get(plan.primary());
        lint(primary, plan);
        boolean took = lock(primary, plan);
        try {
            return underLock(connections, primary, plan, started);
        }
        finally {
            if (took) {
                release(primary, plan);
            }
        }
    }

    private MigrationResult underLock(final Connections connections, final Connection primary, final MigrationPlan plan,
            final long started) {
        var settings = commands.settings();
        var spec = commands.spec();
        if (settings.inContainer()) {
            pullImage(primary, plan);
        }
        if (settings.inContainer() && !spec.secretEnv().isEmpty()) {
            primary.run(commands.containers().writeEnvFile(spec), ContainerCommands.envFileContent(spec, plan.secrets()),
                    OutputListener.discard(), QUICK).orThrow();
        }
        var backup = backup(primary, plan);
        var before = status(primary, "before migrating");
        emit(Phase.MIGRATE, primary.host(), "running `" + settings.command() + "` for " + plan.version() + " "
                + (settings.inContainer() ? "in a one-off container of " + spec.image() : "on the host")
                + " (schema at " + describe(before.version()) + ")");
        var tail = new OutputTail(TAIL_LINES);
        var result = primary.run(commands.migrate(), null, streaming(Phase.MIGRATE, tail), COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new DeployFailedException(primary.host() + ": migrations of " + plan.version() + " failed: `"
                    + settings.command() + "` exited with " + result.exitCode() + "; traffic was not touched and"
                    + " the new release was not started; migrations applied before the failing one stay applied"
                    + backup.map(b -> " (backup: " + b + ")").orElse("") + tail.render());
        }
        var after = status(primary, "after migrating");
        var applied = after.appliedSince(before, releaseFiles(plan));
        emit(Phase.MIGRATE, primary.host(), "schema " + describe(before.version()) + " -> " + describe(after.version())
                + ", " + applied.map(n -> n + (n == 1 ? " migration" : " migrations")).orElse("an unknown number of migrations")
                + " applied");
        record(connections, plan, new HistoryEntry(HistoryEntry.Action.MIGRATE,
                new Release(plan.version(), plan.color(), plan.image(), plan.stamp().at(), plan.stamp().by()),
                before.version(), after.version(), plan.message(), applied.orElse(null), backup.orElse(null)));
        waitForReplicas(primary, after);
        return new MigrationResult(plan.version(), before.version(), after.version(), applied, backup,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Lints the migrations the database has not run yet, as far as the primary's history knows. */
    private void lint(final Connection primary, final MigrationPlan plan) {
        var mode = commands.settings().lint().mode();
        if (mode == Migrations.LintMode.OFF || plan.workspace().isEmpty()) {
            return;
        }
        var recorded = recordedSchema(primary, plan);
        var files = new ArrayList<Path>();
        for (Path dir : migrationDirs(plan.workspace().get())) {
            files.addAll(recorded.isPresent() ? MigrationFiles.since(dir, recorded.get()) : MigrationFiles.in(dir));
        }
        var report = MigrationLint.lint(files, mode == Migrations.LintMode.FAIL ? Policy.FAIL : Policy.WARN);
        report.findings().forEach(f -> emit(Phase.MIGRATE, Event.Level.WARNING, null, f.describe()));
        emit(Phase.MIGRATE, report.findings().isEmpty() ? Event.Level.INFO : Event.Level.WARNING, null,
                "lint: " + report.summary());
        if (report.failed()) {
            throw new DeployFailedException("migration lint (migrations.lint: fail): " + report.summary()
                    + "; nothing ran. Make the migrations safe for the release still serving (docs/migrations.md),"
                    + " or opt a reviewed one out with a reason");
        }
    }

    private Optional<String> recordedSchema(final Connection primary, final MigrationPlan plan) {
        var tail = primary.run(history.tail(plan.service(), HISTORY_LINES), OutputListener.discard(), QUICK).orThrow();
        var entries = LedgerFormat.history(tail.stdout());
        for (int i = entries.size() - 1; i >= 0; i--) {
            var schema = entries.get(i).schemaAfter();
            if (schema != null) {
                return schema.matches("[Vv]?\\d+([._]\\d+)*") ? Optional.of(schema) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private List<Path> migrationDirs(final Path workspace) {
        return commands.settings().lint().paths().stream().map(workspace::resolve).filter(Files::isDirectory).toList();
    }

    private List<Path> releaseFiles(final MigrationPlan plan) {
        return plan.workspace().map(ws -> migrationDirs(ws).stream().flatMap(d -> MigrationFiles.in(d).stream()).toList())
                .orElse(List.of());
    }

    private boolean lock(final Connection primary, final MigrationPlan plan) {
        if (plan.locking() == MigrationPlan.Locking.HELD_BY_CALLER) {
            if (lock.status(primary, plan.service()).isEmpty()) {
                throw new IllegalStateException(primary.host() + ": the caller said it holds the deploy lock of "
                        + plan.service() + ", but nobody does");
            }
            return false;
        }
        var why = plan.message() == null ? "running migrations" : plan.message();
        lock.acquire(primary, plan.service(), new LockHolder(plan.stamp(), plan.version(), why));
        emit(Phase.LOCK, primary.host(), "took the deploy lock of " + plan.service() + " for the migrations of "
                + plan.version());
        return true;
    }

    private void release(final Connection primary, final MigrationPlan plan) {
        try {
            lock.release(primary, plan.service());
            emit(Phase.LOCK, primary.host(), "released the deploy lock of " + plan.service());
        }
        catch (DeployFailedException e) {
            // Reported, not thrown: it must not hide why the run ended, and the lock can be released by hand.
            emit(Phase.LOCK, Event.Level.ERROR, primary.host(), "could not release the deploy lock of " + plan.service()
                    + "; release it explicitly (force) before the next deploy: " + e.getMessage());
        }
    }

    /** Every script of the section runs in the new image, so the host must have it before the first one. */
    private void pullImage(final Connection primary, final MigrationPlan plan) {
        var image = commands.spec().image();
        var pulled = new ImagePull(commands.containers(), plan.registry(), PULL_TIMEOUT)
                .ensure(primary, image, step -> emit(Phase.MIGRATE, primary.host(), step));
        if (!pulled.ok()) {
            var tail = pulled.stderrTail().isEmpty() ? "" : "\n  " + String.join("\n  ", pulled.stderrTail());
            throw new DeployFailedException(primary.host() + ": the image " + image + " of " + plan.version()
                    + " is not on the host and could not be pulled: `" + pulled.command() + "` exited with "
                    + pulled.exitCode() + "; no migration ran and traffic was not touched" + tail);
        }
    }

    private Optional<String> backup(final Connection primary, final MigrationPlan plan) {
        var configured = commands.settings().backup().command();
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        var at = Instant.now();
        var script = mask.apply(commands.backupScript(plan.service().qualified(), plan.version(), at));
        emit(Phase.BACKUP, primary.host(), "backing up: " + script);
        var tail = new OutputTail(TAIL_LINES);
        var result = primary.run(commands.backup(plan.service().qualified(), plan.version(), at), null,
                streaming(Phase.BACKUP, tail), COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new DeployFailedException(primary.host() + ": the backup before the migrations of " + plan.version()
                    + " failed (exit " + result.exitCode() + "); no migration ran and traffic was not touched"
                    + tail.render());
        }
        return Optional.of(script);
    }

    private SchemaStatus status(final Connection primary, final String when) {
        var result = primary.run(commands.status(), OutputListener.discard(), COMMAND_TIMEOUT);
        if (!result.ok()) {
            var tail = result.stderrTail().isEmpty() ? "" : ":\n  " + String.join("\n  ", result.stderrTail());
            throw new DeployFailedException(primary.host() + ": the schema version " + when + " could not be read: `"
                    + commands.settings().statusCommand() + "` exited with " + result.exitCode()
                    + " (migrations.status_command); traffic was not touched" + tail);
        }
        return SchemaStatus.parse(result.stdout());
    }

    /** Polls the replica check until it passes: a real condition, not a fixed sleep. */
    private void waitForReplicas(final Connection primary, final SchemaStatus after) {
        var wait = commands.settings().replicaWait();
        if (wait.isEmpty()) {
            return;
        }
        var w = wait.get();
        emit(Phase.REPLICA, primary.host(), "waiting up to " + w.timeout().toSeconds() + "s for replicas: `"
                + w.command() + "` every " + w.interval().toMillis() + "ms");
        long deadline = System.nanoTime() + w.timeout().toNanos();
        int checks = 0;
        while (true) {
            checks++;
            var left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos()));
            var tail = new OutputTail(5);
            var result = primary.run(commands.replicaCheck(), null, (h, s, line) -> tail.add(line), left);
            if (result.ok()) {
                emit(Phase.REPLICA, primary.host(), "replicas caught up (check " + checks + ")");
                return;
            }
            if (System.nanoTime() + w.interval().toNanos() > deadline) {
                throw new DeployFailedException(primary.host() + ": replicas did not catch up within "
                        + w.timeout().toSeconds() + "s (migrations.replica_wait: " + checks + " checks of `"
                        + w.command() + "`, the last exited with " + result.exitCode() + "); the schema is at "
                        + describe(after.version()) + ", traffic was not touched" + tail.render());
            }
            pause(w.interval());
        }
    }

    private void pause(final Duration interval) {
        try {
            sleeper.sleep(interval);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailedException("interrupted while waiting for replicas; traffic was not touched", e);
        }
    }

    /** The MIGRATE entry goes to the primary (which must succeed) and then every other host named. */
    private void record(final Connections connections, final MigrationPlan plan, final HistoryEntry entry) {
        for (Host host : plan.recordOn()) {
            try {
                ledger.append(connections.get(host), plan.service(), entry);
            }
            catch (DeployFailedException e) {
                if (host.equals(plan.primary())) {
                    throw new DeployFailedException(host + ": the migrations of " + plan.version() + " ran (schema "
                            + describe(entry.schemaAfter()) + "), but the ledger entry could not be written: "
                            + e.getMessage(), e);
                }
                emit(Phase.MIGRATE, Event.Level.WARNING, host, "the migration was not recorded in this host's history: "
                        + e.getMessage());
            }
        }
    }

    private OutputListener streaming(final Phase phase, final OutputTail tail) {
        return (host, stream, line) -> {
            tail.add(line);
            emit(phase, host, line);
        };
    }

    private static String describe(final String version) {
        return Objects.requireNonNullElse(version, "(none)");
    }

    private void emit(final Phase phase, final Host host, final String message) {
        emit(phase, Event.Level.INFO, host, message);
    }

    private void emit(final Phase phase, final Event.Level level, final Host host, final String message) {
        events.accept(new Event(Instant.now(), phase, level, host == null ? null : host.toString(), message));
    }
}
