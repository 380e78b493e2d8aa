package io.jenkins.plugins.bluegreen.engine.testbed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;

/**
 * Finds the real programs tests run against. Under CI (CI=true) a missing program fails the test:
 * a skipped test there would hide a broken install step. Elsewhere it skips with the reason.
 */
public final class TestTools {
    private TestTools() {
    }

    /** The path of {@code program}, searched on PATH and in the sbin directories. */
    public static Path require(final String program) {
        var found = find(program);
        if (found.isEmpty()) {
            var why = program + " is not installed; run engine/scripts/install-test-tools.sh";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            assumeTrue(false, why);
        }
        return found.get();
    }

    public static Optional<Path> find(final String program) {
        var path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/local/sbin";
        return Arrays.stream(path.split(":"))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
