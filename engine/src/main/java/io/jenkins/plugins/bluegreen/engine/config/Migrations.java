package io.jenkins.plugins.bluegreen.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Schema migrations, run once before the new code boots: the commands (Rails' by default), whether
 * they run inside the new release's container, a backup before, waiting for replicas after, and
 * linting of new migration files.
 */
public record Migrations(String command, String statusCommand, String rollbackCommand, boolean inContainer,
        Backup backup, Optional<ReplicaWait> replicaWait, Lint lint) {
    public static final String DEFAULT_COMMAND = "bin/rails db:migrate";
    public static final String DEFAULT_STATUS_COMMAND = "bin/rails runner 'puts ActiveRecord::Migrator.current_version'";
    /** {@code {steps}} is replaced by the number of migrations to undo. */
    public static final String DEFAULT_ROLLBACK_COMMAND = "bin/rails db:rollback STEP={steps}";
    private static final Set<String> KEYS = Set.of("command", "status_command", "rollback_command", "in_container",
            "backup", "replica_wait", "lint");

    /** A backup command run before migrating; with {@code required}, a failed or missing backup stops the deploy. */
    public record Backup(Optional<String> command, boolean required) {
        static Backup from(final ConfigNode node) {
            if (node.present() && !node.isMap()) {
                node.expected("a map with command and required");
            }
            node.allowKeys(Set.of("command", "required"), Set.of());
            var command = node.at("command").text("a backup command");
            boolean required = node.at("required").bool(false);
            if (required && command.isEmpty()) {
                node.at("command").error("expected a backup command because backup/required is true, got nothing");
            }
            return new Backup(command, required);
        }
    }

    /** A command that succeeds once the replicas have caught up, polled every {@code interval} until {@code timeout}. */
    public record ReplicaWait(String command, Duration interval, Duration timeout) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

        static Optional<ReplicaWait> from(final ConfigNode node) {
            if (!node.present()) {
                return Optional.empty();
            }
            if (!node.isMap()) {
                node.expected("a map with command, interval and timeout");
                return Optional.empty();
            }
            node.allowKeys(Set.of("command", "interval", "timeout"), Set.of());
            return Optional.of(new ReplicaWait(node.at("command").required("a command that succeeds once replicas caught up"),
                    node.at("interval").duration(DEFAULT_INTERVAL), node.at("timeout").duration(DEFAULT_TIMEOUT)));
        }
    }

    /** What to do when a new migration file looks unsafe for zero-downtime deploys. */
    public enum LintMode { WARN, FAIL, OFF }

    /** Migration linting: {@code mode} and the directories holding migration files. */
    public record Lint(LintMode mode, List<String> paths) {
        public static final List<String> DEFAULT_PATHS = List.of("db/migrate");

        public Lint {
            paths = List.copyOf(paths);
        }

        /** {@code lint: fail} is short for {@code lint: {mode: fail}}. */
        static Lint from(final ConfigNode node) {
            if (node.present() && (node.json().isTextual() || node.json().isBoolean())) {
                return new Lint(node.choice(LintMode.WARN), DEFAULT_PATHS);
            }
            if (node.present() && !node.isMap()) {
                node.expected("one of warn, fail, off or a map with mode and paths");
            }
            node.allowKeys(Set.of("mode", "paths"), Set.of());
            return new Lint(node.at("mode").choice(LintMode.WARN), node.at("paths").textList("directory paths", DEFAULT_PATHS));
        }
    }

    static Migrations from(final ConfigNode node) {
        if (node.present() && !node.isMap()) {
            node.expected("a map of migration settings");
        }
        node.allowKeys(KEYS, Set.of());
        return new Migrations(node.at("command").text("a migration command", DEFAULT_COMMAND),
                node.at("status_command").text("a command printing the schema version", DEFAULT_STATUS_COMMAND),
                node.at("rollback_command").text("a rollback command", DEFAULT_ROLLBACK_COMMAND),
                node.at("in_container").bool(true), Backup.from(node.at("backup")), ReplicaWait.from(node.at("replica_wait")),
                Lint.from(node.at("lint")));
    }
}
