package io.jenkins.plugins.bluegreen.engine.migrate;

import io.jenkins.plugins.bluegreen.engine.migrate.lint.MigrationFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code status_command} printed, one schema version per line. A Rails-style command prints
 * one line, the current version; a listing of every applied version (e.g. {@code psql -tAc 'select
 * version from schema_migrations order by 1'}) prints many. Either way the last line is the current
 * version; a listing also tells exactly which migrations a run applied.
 */
public record SchemaStatus(List<String> lines) {
    public SchemaStatus {
        lines = List.copyOf(lines);
    }

    public static SchemaStatus parse(final String stdout) {
        return new SchemaStatus(stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    /** The current schema version, {@code null} for an empty database (nothing printed). */
    public String version() {
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }

    /**
     * How many migrations ran between {@code before} and this status: the new lines of a listing;
     * else none when the version did not move; else the migration files of the release whose version
     * lies in between; else unknown (empty), and a schema rollback has to be told its steps.
     *
     * @param releaseFiles the release's migration files, empty when no workspace was given
     */
    public Optional<Integer> appliedSince(final SchemaStatus before, final List<Path> releaseFiles) {
        if (lines.size() > 1 || before.lines.size() > 1) {
            return Optional.of((int) lines.stream().filter(l -> !before.lines.contains(l)).count());
        }
        if (Objects.equals(version(), before.version())) {
            return Optional.of(0);
        }
        if (releaseFiles.isEmpty() || !isVersion(version()) || before.version() != null && !isVersion(before.version())) {
            return Optional.empty();
        }
        return Optional.of((int) releaseFiles.stream()
                .map(MigrationFiles::version)
                .flatMap(Optional::stream)
                .filter(v -> (before.version() == null || MigrationFiles.compareVersions(v, before.version()) > 0)
                        && MigrationFiles.compareVersions(v, version()) <= 0)
                .count());
    }

    private static boolean isVersion(final String text) {
        return text != null && text.matches("\\d+([._]\\d+)*");
    }
}
