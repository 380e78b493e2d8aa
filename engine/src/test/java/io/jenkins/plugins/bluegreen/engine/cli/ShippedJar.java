package io.jenkins.plugins.bluegreen.engine.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code bluegreen} command as users get it: {@code java -jar bluegreen.jar ARGS} in a process
 * of its own, run by the jar tests ({@code *IT}) that the build runs after {@code package}. The jar
 * is {@code bluegreen.jar} in the build directory ({@code bluegreen.buildDir}, as the build sets it).
 */
public final class ShippedJar {
    /** Longer than any single command of the tests takes, a deploy included. */
    private static final Duration LIMIT = Duration.ofMinutes(5);

    private ShippedJar() {
    }

    public static Path path() {
        var jar = Path.of(System.getProperty("bluegreen.buildDir", "target"), "bluegreen.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + ": no such jar; the jar tests run in `mvn -f engine/pom.xml verify`,"
                    + " after package has built it");
        }
        return jar;
    }

    public static CliRun run(final String... args) {
        return run(List.of(args));
    }

    /** Runs the jar with {@code args}; stdout and stderr are read whole once it has ended. */
    public static CliRun run(final List<String> args) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", path().toString()));
        command.addAll(args);
        try {
            var out = Files.createTempFile("bluegreen-out-", ".txt");
            var err = Files.createTempFile("bluegreen-err-", ".txt");
            try {
                var process = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("bluegreen " + String.join(" ", args) + " did not end within " + LIMIT
                            + "; its stderr so far:\n" + Files.readString(err));
                }
                return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
            }
            finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while bluegreen " + String.join(" ", args) + " ran", e);
        }
    }
}
