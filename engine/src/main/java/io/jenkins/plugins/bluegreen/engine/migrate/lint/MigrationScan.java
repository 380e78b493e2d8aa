package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the rules learn while reading one migration file: the tables it creates (nothing the old
 * release uses, so changes to them are safe), the findings, and its opt-out comments.
 */
final class MigrationScan {
    private final Path file;
    private final Set<String> newTables = new HashSet<>();
    private final List<Finding> findings = new ArrayList<>();
    private final OptOuts optOuts;
    private boolean inTransaction;

    MigrationScan(final Path file) {
        this.file = file;
        this.optOuts = new OptOuts(file);
    }

    void report(final int line, final Rule rule, final String found) {
        findings.add(new Finding(file, line, rule, found));
    }

    void comment(final SourceComment comment) {
        optOuts.read(comment.line(), comment.text());
    }

    /** Notes whether the statements that follow run inside a transaction. */
    void transaction(final boolean open) {
        inTransaction = open;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    void tableCreated(final String table) {
        newTables.add(tableName(table));
    }

    /** Whether this migration created {@code table} itself, so no running release can use it yet. */
    boolean isNew(final String table) {
        return newTables.contains(tableName(table));
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    OptOuts optOuts() {
        return optOuts;
    }

    /** {@code :users}, {@code "Public"."users"} and {@code public.users} all name table {@code users}. */
    static String tableName(final String raw) {
        var name = raw.strip();
        if (name.startsWith(":")) {
            name = name.substring(1);
        }
        var dot = name.lastIndexOf('.');
        var last = dot < 0 ? name : name.substring(dot + 1);
        return last.startsWith("\"") ? last.replace("\"", "") : last.toLowerCase(Locale.ROOT);
    }
}
