package io.jenkins.plugins.bluegreen.engine.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program on this machine to completion, bounded in time, and returns its stdout. Its
 * stderr is kept apart, for the failure message only: podman 5 warns there on every call on a
 * cgroup v1 host, and callers parse stdout.
 */
final class LocalProgram {
    private static final long TIMEOUT_SECONDS = 120;

    private LocalProgram() {
    }

    /** stdout of {@code argv}; fails with its stderr unless {@code mayFail}, when a failure gives "". */
    static String run(final List<String> argv, final boolean mayFail) {
        try {
            var errors = Files.createTempFile("bgtest-stderr", ".txt");
            try {
                var p = new ProcessBuilder(argv).redirectError(errors.toFile()).start();
                var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", argv) + " did not finish in " + TIMEOUT_SECONDS + "s");
                }
                if (p.exitValue() != 0 && !mayFail) {
                    throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue() + ": "
                            + Files.readString(errors) + out);
                }
                return p.exitValue() == 0 ? out : "";
            }
            finally {
                Files.deleteIfExists(errors);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops a server a test started: asked to stop, then killed if it has not after 10 s. */
    static void stop(final Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
