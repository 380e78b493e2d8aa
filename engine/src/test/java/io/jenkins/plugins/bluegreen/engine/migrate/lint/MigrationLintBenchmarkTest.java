package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the lint takes over a large migration history (every fixture copied many times), so a
 * deploy can lint a whole db/migrate without anyone waiting. Prints figures; asserts no time.
 */
@Tag("benchmark")
class MigrationLintBenchmarkTest {
    private static final int COPIES = 150;
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void shouldPrintHowFastALargeHistoryIsLinted() throws Exception {
        var fixtures = new ArrayList<Path>();
        for (String set : new String[] {"rails/safe", "rails/unsafe", "sql/safe", "sql/unsafe"}) {
            fixtures.addAll(MigrationFiles.in(MigrationLintTest.fixtures(set)));
        }
        long bytes = 0;
        for (int copy = 0; copy < COPIES; copy++) {
            for (Path fixture : fixtures) {
                var target = dir.resolve(copy + "_" + fixture.getFileName());
                Files.copy(fixture, target);
                bytes += Files.size(target);
            }
        }
        var files = MigrationFiles.in(dir);
        MigrationLint.lint(files, Policy.WARN);

        var best = Long.MAX_VALUE;
        var findings = 0;
        for (int round = 0; round < ROUNDS; round++) {
            var start = System.nanoTime();
            findings = MigrationLint.lint(files, Policy.WARN).findings().size();
            best = Math.min(best, System.nanoTime() - start);
        }

        System.out.printf("migration lint: %d files (%d KiB), %d findings, best of %d: %.1f ms, %.0f files/s%n",
                files.size(), bytes / 1024, findings, ROUNDS, best / 1e6, files.size() / (best / 1e9));
        assertThat(findings).isPositive();
    }
}
