package io.jenkins.plugins.bluegreen.engine.testbed;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.remote.Tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection} to this machine: runs each rendered command with {@code /bin/sh -c}, the way
 * an SSH server hands it to the login shell. Its "tunnel" is the port itself, since the far host's
 * loopback is ours. Test-only, kept tiny; the engine's own local connector replaces it.
 */
public final class LocalShell implements Connection {
    private static final int STDERR_TAIL = 20;

    private final Host host;

    public LocalShell(final String name) {
        this.host = new Host(name, 0);
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public CommandResult run(final Command command, final byte[] stdin, final OutputListener output,
                             final Duration timeout) {
        var started = System.nanoTime();
        try {
            var process = new ProcessBuilder("/bin/sh", "-c", command.render()).start();
            var out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            var err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(host + ": `" + command + "` did not finish within " + timeout);
            }
            var stderr = err.join().lines().toList();
            var tail = stderr.subList(Math.max(0, stderr.size() - STDERR_TAIL), stderr.size());
            return new CommandResult(host, command.render(), process.exitValue(),
                    Duration.ofNanos(System.nanoTime() - started), out.join(), List.copyOf(tail));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(final InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
