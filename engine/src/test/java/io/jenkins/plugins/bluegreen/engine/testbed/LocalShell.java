package io.jenkins.plugins.bluegreen.engine.testbed;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.remote.Tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection} to this machine through {@code /bin/sh -c}: runs exactly the rendered command
 * an SSH host would get, so builders are proven against the real programs without an sshd.
 */
public final class LocalShell implements Connection {
    private static final int STDERR_TAIL = 20;

    private final Host local;

    public LocalShell() {
        this("localhost");
    }

    /** A local shell that reports itself as host {@code name}, so one machine can play several hosts. */
    public LocalShell(final String name) {
        this.local = new Host(name, 0);
    }

    @Override
    public Host host() {
        return local;
    }

    @Override
    public CommandResult run(final Command command, final byte[] stdin, final OutputListener output,
                             final Duration timeout) {
        var started = System.nanoTime();
        try {
            var process = new ProcessBuilder("/bin/sh", "-c", command.render()).start();
            var out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            var err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            writeStdin(process, stdin);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DeployFailedException(local + ": `" + command + "` did not finish within " + timeout);
            }
            var stdout = out.join();
            var stderr = Arrays.asList(err.join().split("\n"));
            stdout.lines().forEach(l -> output.line(local, OutputListener.Stream.STDOUT, l));
            stderr.forEach(l -> output.line(local, OutputListener.Stream.STDERR, l));
            List<String> tail = new ArrayList<>(stderr.subList(Math.max(0, stderr.size() - STDERR_TAIL), stderr.size()));
            tail.removeIf(String::isEmpty);
            return new CommandResult(local, command.render(), process.exitValue(),
                    Duration.ofNanos(System.nanoTime() - started), stdout, tail);
        }
        catch (IOException e) {
            throw new DeployFailedException(local + ": could not run `" + command + "`: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailedException(local + ": interrupted while running `" + command + "`", e);
        }
    }

    private static void writeStdin(final Process process, final byte[] stdin) {
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        catch (IOException e) {
            // The command exited without reading its input (a lock already held): its exit code says why.
        }
    }

    private static String read(final InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            return "";
        }
    }

    /** On this machine the far host's loopback is ours: the "tunnel" is the port itself. */
    @Override
    public Tunnel forward(final int remotePort) {
        return new Tunnel() {
            @Override
            public int localPort() {
                return remotePort;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }
}
