package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

/**
 * Picks the migrations a release adds: all of a directory, those newer than the version the
 * database is at, or files named by the caller. Versions are read from file names the way Rails
 * ({@code 20250101000001_add_x.rb}) and Flyway ({@code V2_1__add_x.sql}) write them, and compared
 * number by number, so {@code V10} comes after {@code V9}.
 */
public final class MigrationFiles {
    private static final Pattern FLYWAY = Pattern.compile("^[VU](\\d+(?:[._]\\d+)*)__.*");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)(?:[_.-].*)?\\.(?:rb|sql)$");
    private static final Pattern VERSION = Pattern.compile("^[Vv]?(\\d+(?:[._]\\d+)*)$");

    private MigrationFiles() {
    }

    /** Every {@code .rb} and {@code .sql} file under {@code dir}, in the order they run. */
    public static List<Path> in(final Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("migration directory " + dir
                    + " does not exist; expected the folder holding the migrations, such as db/migrate");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> isRuby(f) || isSql(f))
                    .sorted(runOrder())
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The migrations under {@code dir} newer than {@code version}: what a database at that version
     * still has to run. A file without a version (a Flyway repeatable {@code R__} migration) may run
     * again with any release, so it is always included.
     */
    public static List<Path> since(final Path dir, final String version) {
        var m = VERSION.matcher(version.strip());
        if (!m.matches()) {
            throw new InvalidInputException("migration version '" + version
                    + "' is not a version; expected the number a migration file starts with, such as"
                    + " 20250101000001 (Rails) or 2.1 (Flyway V2_1__)");
        }
        var after = m.group(1);
        return in(dir).stream()
                .filter(f -> version(f).map(v -> compareVersions(v, after) > 0).orElse(true))
                .toList();
    }

    /** The named files, each as given or relative to {@code dir}; each must be an existing .rb or .sql file. */
    public static List<Path> named(final Path dir, final List<String> names) {
        var files = new ArrayList<Path>();
        for (String name : names) {
            var given = Path.of(name);
            var file = Files.isRegularFile(given) || dir == null ? given : dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("migration file " + name
                        + " does not exist; expected a path to a .rb or .sql migration");
            }
            if (!isRuby(file) && !isSql(file)) {
                throw new InvalidInputException("migration file " + name
                        + " is neither a Rails (.rb) nor an SQL (.sql) migration");
            }
            files.add(file);
        }
        return files;
    }

    /** The version in a migration's file name: {@code 20250101000001} or {@code 2.1}; empty for none. */
    public static Optional<String> version(final Path file) {
        var name = file.getFileName().toString();
        var flyway = FLYWAY.matcher(name);
        if (flyway.matches()) {
            return Optional.of(flyway.group(1).replace('_', '.'));
        }
        var leading = LEADING_NUMBER.matcher(name);
        return leading.matches() ? Optional.of(leading.group(1)) : Optional.empty();
    }

    static boolean isRuby(final Path file) {
        return file.getFileName().toString().endsWith(".rb");
    }

    static boolean isSql(final Path file) {
        return file.getFileName().toString().endsWith(".sql");
    }

    private static Comparator<Path> runOrder() {
        Comparator<Path> byVersion = (a, b) -> {
            var va = version(a);
            var vb = version(b);
            if (va.isPresent() && vb.isPresent()) {
                return compareVersions(va.get(), vb.get());
            }
            // Unversioned (repeatable) migrations run after the versioned ones, as Flyway runs them.
            return Boolean.compare(va.isEmpty(), vb.isEmpty());
        };
        return byVersion.thenComparing(p -> p.getFileName().toString());
    }

    /** Compares two versions number by number ({@code 10} after {@code 9}); both must be versions. */
    public static int compareVersions(final String a, final String b) {
        var left = a.split("[._]");
        var right = b.split("[._]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            var l = i < left.length ? new BigInteger(left[i]) : BigInteger.ZERO;
            var r = i < right.length ? new BigInteger(right[i]) : BigInteger.ZERO;
            var c = l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
