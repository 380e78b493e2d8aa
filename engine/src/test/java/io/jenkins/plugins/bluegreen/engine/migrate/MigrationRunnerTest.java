package io.jenkins.plugins.bluegreen.engine.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.config.Migrations;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.LedgerCommands;
import io.jenkins.plugins.bluegreen.engine.ledger.LedgerFormat;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.lock.LockHeldException;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.PostgresExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations of a SQL app against a real PostgreSQL, run directly on a real sshd host
 * ({@code in_container: false}): the app's {@code bin/migrate} applies each pending
 * {@code db/migrate/V<n>__*.sql} with psql and notes it in {@code schema_migrations}.
 */
class MigrationRunnerTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(2);
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final Service SERVICE = new Service("shop", "staging");
    private static final DeployStamp STAMP = new DeployStamp(Instant.parse("2026-11-24T10:15:30Z"), "alice");
    private static final String STATUS = "bin/psql -tA -c 'select version from schema_migrations order by version'";

    @TempDir
    Path app;

    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private Connections connections;
    private String runDir;
    private ContainerCommands containers;

    @BeforeEach
    void setUp() throws IOException {
        POSTGRES.runPsql("-c", "drop schema public cascade; create schema public;"
                + " create table schema_migrations (version int primary key)");
        var psql = Command.of(POSTGRES.psql()).render();
        script("bin/psql", "exec " + psql + " \"$@\"");
        script("bin/migrate", """
                set -e
                cd "$(dirname "$0")/.."
                for f in db/migrate/V*__*.sql; do
                  v=$(basename "$f" | sed -e 's/^V//' -e 's/__.*//')
                  if [ -z "$(bin/psql -tA -c "select 1 from schema_migrations where version = $v")" ]; then
                    echo "== $f"
                    bin/psql -1 -f "$f" -c "insert into schema_migrations values ($v)"
                  fi
                done
                """);
        migration("V1__create_orders.sql", "create table orders (id bigserial primary key, total int not null);");
        connections = new Connections(BED.connector());
        // Absolute: the simulated hosts share this machine's files, and a relative run directory would land in root's home.
        runDir = app.resolve("run").toString();
        containers = new ContainerCommands(ContainerRuntime.PODMAN, runDir);
    }

    @AfterEach
    void tearDown() {
        connections.close();
    }

    @Test
    void shouldMigrateOnceAndRecordSchemaBeforeAndAfterOnEveryHost() throws IOException {
        migration("V2__add_orders_note.sql", "alter table orders add column note text;");

        var result = runner(settings("bin/migrate")).run(connections, plan(MigrationPlan.Locking.TAKE).withRecordOn(BED.hosts()));

        assertThat(POSTGRES.runPsql("-tA", "-c", "select version from schema_migrations order by 1")).isEqualTo("1\n2\n");
        assertThat(result.schemaBefore()).isNull();
        assertThat(result.schemaAfter()).isEqualTo("2");
        assertThat(result.applied()).contains(2);
        // Both simulated hosts share this machine's files, so the one history file gets a line from each host.
        var entries = history(0);
        assertThat(entries).hasSize(2).containsOnly(entries.get(0));
        for (int i = 0; i < 2; i++) {
            var entry = entries.get(i);
            assertThat(entry.action()).isEqualTo(HistoryEntry.Action.MIGRATE);
            assertThat(entry.release().version()).isEqualTo("v2");
            assertThat(entry.release().color()).isEqualTo(Color.GREEN);
            assertThat(entry.release().deployedBy()).isEqualTo("alice");
            assertThat(entry.schemaBefore()).isNull();
            assertThat(entry.schemaAfter()).isEqualTo("2");
            assertThat(entry.migrations()).isEqualTo(2);
        }
        assertThat(lines()).contains("[migrate] " + BED.host(0) + ": == db/migrate/V2__add_orders_note.sql");
        assertThat(new DeployLock(runDir).status(connections.get(BED.host(0)), SERVICE)).isEmpty();

        var again = runner(settings("bin/migrate")).run(connections, plan(MigrationPlan.Locking.TAKE));
        assertThat(again.schemaBefore()).isEqualTo("2");
        assertThat(again.applied()).contains(0);
    }

    @Test
    void shouldTakeARealBackupBeforeMigratingAndRecordWhereItWent() throws IOException {
        POSTGRES.runPsql("-c", "insert into schema_migrations values (0); create table customers (name text);"
                + " insert into customers values ('ada')");
        var backups = Files.createDirectories(app.resolve("backups"));
        var dump = Path.of(POSTGRES.psql().get(0)).resolveSibling("pg_dump");
        var command = dump + " -h " + POSTGRES.socketDir() + " -p " + POSTGRES.port() + " -U postgres " + POSTGRES.database()
                + " > " + backups + "/{service}-{version}-{timestamp}.sql";

        var result = runner(settings("bin/migrate").withBackup(command)).run(connections, plan(MigrationPlan.Locking.TAKE));

        try (var files = Files.list(backups)) {
            var taken = files.toList();
            assertThat(taken).hasSize(1);
            var file = taken.get(0);
            assertThat(file.getFileName().toString()).matches("shop-staging-v2-\\d{8}T\\d{6}Z\\.sql");
            assertThat(Files.size(file)).isPositive();
            // Taken before the migration: the dump knows customers but not the table V1 creates.
            assertThat(Files.readString(file)).contains("ada").doesNotContain("orders");
            assertThat(result.backup()).contains("cd " + app + " && " + command.replace("{service}-{version}-{timestamp}",
                    file.getFileName().toString().replace(".sql", "")));
            assertThat(history(0).get(0).backup()).isEqualTo(result.backup().orElseThrow());
        }
    }

    @Test
    void shouldNotMigrateWhenTheBackupFails() {
        var runner = runner(settings("bin/migrate").withBackup("echo 'pg_dump: connection refused' >&2; exit 3"));

        assertThatThrownBy(() -> runner.run(connections, plan(MigrationPlan.Locking.TAKE)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage(BED.host(0) + ": the backup before the migrations of v2 failed (exit 3); no migration ran"
                        + " and traffic was not touched. Last output:\n  pg_dump: connection refused");
        assertNothingRan();
    }

    @Test
    void shouldStopWithTheLastLinesOfAFailingMigrationAndRunNothingAfterIt() throws IOException {
        migration("V2__broken.sql", "alter table no_such_table add column x int;");
        var runner = runner(settings("bin/migrate").withReplicaWait("touch replica-checked", Duration.ofSeconds(5)));

        assertThatThrownBy(() -> runner.run(connections, plan(MigrationPlan.Locking.TAKE)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageStartingWith(BED.host(0) + ": migrations of v2 failed: `cd " + app + " && bin/migrate` exited"
                        + " with 3; traffic was not touched and the new release was not started; migrations applied"
                        + " before the failing one stay applied. Last output:\n  == db/migrate/V1__create_orders.sql\n")
                .hasMessageContaining("== db/migrate/V2__broken.sql")
                .hasMessageContaining("relation \"no_such_table\" does not exist");
        assertThat(POSTGRES.runPsql("-tA", "-c", "select version from schema_migrations")).isEqualTo("1\n");
        assertThat(history(0)).isEmpty();
        assertThat(app.resolve("replica-checked")).doesNotExist();
        assertThat(new DeployLock(runDir).status(connections.get(BED.host(0)), SERVICE)).isEmpty();
    }

    @Test
    void shouldRefuseToMigrateWhileAnotherDeployHoldsTheLock() {
        var other = new LockHolder(new DeployStamp(Instant.parse("2026-11-24T10:00:00Z"), "bob"), "v7", "build #9");
        var lock = new DeployLock(runDir);
        lock.acquire(connections.get(BED.host(0)), SERVICE, other);
        try {
            assertThatThrownBy(() -> runner(settings("bin/migrate")).run(connections, plan(MigrationPlan.Locking.TAKE)))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageStartingWith(BED.host(0) + ": shop-staging is locked by bob since 2026-11-24T10:00:00Z"
                            + " deploying v7 (build #9)");
            assertNothingRan();
            assertThat(lock.status(connections.get(BED.host(0)), SERVICE)).contains(other);
        }
        finally {
            lock.release(connections.get(BED.host(0)), SERVICE);
        }
    }

    @Test
    void shouldRunUnderTheCallersLockAndLeaveItHeld() {
        var deploy = new LockHolder(STAMP, "v2", "deploy");
        var lock = new DeployLock(runDir);
        var primary = connections.get(BED.host(0));
        assertThatThrownBy(() -> runner(settings("bin/migrate")).run(connections, plan(MigrationPlan.Locking.HELD_BY_CALLER)))
                .isInstanceOf(IllegalStateException.class);
        assertNothingRan();

        lock.acquire(primary, SERVICE, deploy);
        try {
            runner(settings("bin/migrate")).run(connections, plan(MigrationPlan.Locking.HELD_BY_CALLER));
            assertThat(POSTGRES.runPsql("-tA", "-c", "select version from schema_migrations")).isEqualTo("1\n");
            assertThat(lock.status(primary, SERVICE)).contains(deploy);
        }
        finally {
            lock.release(primary, SERVICE);
        }
    }

    @Test
    void shouldWaitForReplicasUntilTheirCheckPasses() throws IOException {
        // The "replica" has caught up once it, too, has applied version 1: a condition that becomes true later.
        POSTGRES.runPsql("-c", "create table replica_applied (version int)");
        script("bin/replica-caught-up", """
                cd "$(dirname "$0")/.."
                n=$(cat checks 2>/dev/null || echo 0); echo $((n + 1)) > checks
                if [ "$n" -ge 2 ]; then bin/psql -c 'insert into replica_applied values (1)' >/dev/null; fi
                [ "$(bin/psql -tA -c 'select count(*) from replica_applied where version = 1')" = 1 ]
                """);
        var runner = runner(settings("bin/migrate").withReplicaWait(app.resolve("bin/replica-caught-up").toString(),
                Duration.ofSeconds(30)));

        runner.run(connections, plan(MigrationPlan.Locking.TAKE));

        assertThat(lines()).contains("[replica] " + BED.host(0) + ": replicas caught up (check 3)");
    }

    @Test
    void shouldStopCleanlyWhenReplicasDoNotCatchUpInTime() {
        var runner = runner(settings("bin/migrate").withReplicaWait("echo 'lag: 42 MB'; exit 1", Duration.ofSeconds(1)));

        assertThatThrownBy(() -> runner.run(connections, plan(MigrationPlan.Locking.TAKE)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageStartingWith(BED.host(0) + ": replicas did not catch up within 1s (migrations.replica_wait: ")
                .hasMessageEndingWith(" && echo 'lag: 42 MB'; exit 1`, the last exited with 1); the schema is at 1,"
                        + " traffic was not touched. Last output:\n  lag: 42 MB");
        // The schema did change: the ledger says so, and the lock is free for a rerun or a rollback.
        assertThat(history(0)).extracting(HistoryEntry::schemaAfter).containsExactly("1");
        assertThat(new DeployLock(runDir).status(connections.get(BED.host(0)), SERVICE)).isEmpty();
    }

    @Test
    void shouldBlockUnsafeMigrationsInFailModeBeforeTheBackup() throws IOException {
        migration("V2__drop_total.sql", "alter table orders drop column total;");
        var settings = settings("bin/migrate").withBackup("touch backup-taken").withLint(Migrations.LintMode.FAIL);

        assertThatThrownBy(() -> runner(settings).run(connections, plan(MigrationPlan.Locking.TAKE)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageStartingWith("migration lint (migrations.lint: fail): 1 unsafe operation in 2 migrations"
                        + " (failing); nothing ran.");
        assertNothingRan();
        assertThat(lines()).anyMatch(l -> l.startsWith("[migrate] WARNING: ") && l.contains("V2__drop_total.sql:1"));
    }

    @Test
    void shouldLintOnlyMigrationsNewerThanTheSchemaTheHistoryRecorded() throws IOException {
        // Shipped earlier with lint: warn, as the contract step of an expand/contract change.
        migration("V2__drop_total.sql", "alter table orders drop column total;");
        runner(settings("bin/migrate")).run(connections, plan(MigrationPlan.Locking.TAKE));
        migration("V3__create_refunds.sql", "create table refunds (id bigserial primary key);");
        events.clear();

        var result = runner(settings("bin/migrate").withLint(Migrations.LintMode.FAIL))
                .run(connections, plan(MigrationPlan.Locking.TAKE));

        assertThat(result.schemaAfter()).isEqualTo("3");
        assertThat(result.applied()).contains(1);
        assertThat(lines()).contains("[migrate] lint: no unsafe operations in 1 migration");
    }

    @Test
    void shouldMaskSecretsInTheBackupScriptItReportsAndRecords() {
        var settings = settings("bin/migrate").withBackup("PGPASSWORD=hunter2 true");
        var runner = new MigrationRunner(new MigrationCommands(settings.migrations(), containers, null), events::add,
                SecretMask.of(List.of("hunter2")));

        var result = runner.run(connections, plan(MigrationPlan.Locking.TAKE));

        assertThat(result.backup()).contains("cd " + app + " && PGPASSWORD=**** true");
        assertThat(history(0).get(0).backup()).isEqualTo("cd " + app + " && PGPASSWORD=**** true");
        assertThat(String.join("\n", lines())).doesNotContain("hunter2");
    }

    @Test
    void shouldRollTheSchemaBackByTheStepsTheLedgerRecorded() throws IOException {
        migration("V2__add_orders_note.sql", "alter table orders add column note text;");
        migration("V3__add_orders_index.sql", "create index orders_total on orders (total);");
        script("bin/rollback", """
                cd "$(dirname "$0")/.."
                echo "rolling back $1"
                bin/psql -c "delete from schema_migrations where version in
                  (select version from schema_migrations order by version desc limit $1)"
                """);
        var settings = settings("bin/migrate");
        runner(settings).run(connections, plan(MigrationPlan.Locking.TAKE));
        assertThat(history(0)).extracting(HistoryEntry::migrations).containsExactly(3);

        var rollback = new MigrationCommands(settings.migrations(), containers, null);
        var steps = SchemaRollback.stepsToUndo(history(0), "v2");
        new SchemaRollback(rollback, events::add).run(connections.get(BED.host(0)), steps);

        assertThat(steps).isEqualTo(3);
        assertThat(lines()).contains("[rollback] " + BED.host(0) + ": rolling back 3");
        assertThat(POSTGRES.runPsql("-tA", "-c", "select count(*) from schema_migrations")).isEqualTo("0\n");
    }

    /** Migration settings for this app, changed per test through the with* methods. */
    private record Settings(String command, String status, String rollback, Optional<String> backup,
                            Optional<Migrations.ReplicaWait> replicaWait, Migrations.LintMode lint, Path app) {
        Settings withBackup(final String script) {
            return new Settings(command, status, rollback, Optional.of(script), replicaWait, lint, app);
        }

        Settings withReplicaWait(final String script, final Duration timeout) {
            return new Settings(command, status, rollback, backup,
                    Optional.of(new Migrations.ReplicaWait(inApp(script), Duration.ofMillis(100), timeout)), lint, app);
        }

        Settings withLint(final Migrations.LintMode mode) {
            return new Settings(command, status, rollback, backup, replicaWait, mode, app);
        }

        Migrations migrations() {
            return new Migrations(inApp(command), inApp(status), inApp(rollback), false,
                    new Migrations.Backup(backup.map(this::inApp), false), replicaWait, new Migrations.Lint(lint, List.of("db/migrate")));
        }

        /** Scripts run from the app's directory, as a deploy runs them from the app's working directory. */
        private String inApp(final String script) {
            return "cd " + app + " && " + script;
        }
    }

    private Settings settings(final String command) {
        return new Settings(command, STATUS, "bin/rollback {steps}", Optional.empty(), Optional.empty(),
                Migrations.LintMode.WARN, app);
    }

    private MigrationRunner runner(final Settings settings) {
        return new MigrationRunner(new MigrationCommands(settings.migrations(), containers, null), events::add,
                SecretMask.none());
    }

    private MigrationPlan plan(final MigrationPlan.Locking locking) {
        return new MigrationPlan(SERVICE, "v2", Color.GREEN, null, Optional.empty(), BED.host(0), null, null,
                Optional.of(app), STAMP, locking, null);
    }

    private List<HistoryEntry> history(final int host) {
        var tail = connections.get(BED.host(host)).run(new LedgerCommands(runDir).tail(SERVICE, 100),
                OutputListener.discard(), Duration.ofSeconds(30)).orThrow();
        return LedgerFormat.history(tail.stdout());
    }

    private List<String> lines() {
        synchronized (events) {
            return events.stream().map(Event::line).toList();
        }
    }

    private void assertNothingRan() {
        assertThat(POSTGRES.runPsql("-tA", "-c", "select count(*) from schema_migrations")).isEqualTo("0\n");
        assertThat(history(0)).isEmpty();
        assertThat(app.resolve("backup-taken")).doesNotExist();
    }

    private void migration(final String name, final String sql) throws IOException {
        var dir = Files.createDirectories(app.resolve("db/migrate"));
        Files.writeString(dir.resolve(name), sql + "\n");
    }

    private void script(final String name, final String body) throws IOException {
        var file = app.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
