package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one output stream of a running command on its own thread, masks every line and hands it
 * to the listener as it arrives. Keeps either every line (stdout, which callers parse) or only the
 * last few (stderr, for error messages), so a chatty command cannot fill the heap.
 */
final class OutputPump {
    static final int STDERR_TAIL = 20;

    // Daemon threads: a command that never ends must not keep the JVM (or a Jenkins agent) alive.
    static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "bluegreen-output");
        t.setDaemon(true);
        return t;
    });

    private final Deque<String> lines = new ArrayDeque<>();
    private final int keep;
    private final CompletableFuture<Void> done;

    private OutputPump(final Host host, final OutputListener.Stream stream, final InputStream in,
                       final SecretMask mask, final OutputListener listener, final int keep) {
        this.keep = keep;
        this.done = CompletableFuture.runAsync(() -> pump(host, stream, in, mask, listener), READERS);
    }

    static OutputPump all(final Host host, final InputStream in, final SecretMask mask, final OutputListener listener) {
        return new OutputPump(host, OutputListener.Stream.STDOUT, in, mask, listener, Integer.MAX_VALUE);
    }

    static OutputPump tail(final Host host, final InputStream in, final SecretMask mask, final OutputListener listener) {
        return new OutputPump(host, OutputListener.Stream.STDERR, in, mask, listener, STDERR_TAIL);
    }

    private void pump(final Host host, final OutputListener.Stream stream, final InputStream in,
                      final SecretMask mask, final OutputListener listener) {
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                var masked = mask.apply(line);
                synchronized (lines) {
                    lines.addLast(masked);
                    if (lines.size() > keep) {
                        lines.removeFirst();
                    }
                }
                listener.line(host, stream, masked);
            }
        }
        catch (IOException e) {
            // The stream broke because the command was killed or the connection dropped; the caller
            // learns that from the exit status and the connection state, with a better message.
        }
    }

    /** Waits for the end of the stream, at most {@code millis}; true if it ended. */
    boolean await(final long millis) throws InterruptedException {
        try {
            done.get(Math.max(0, millis), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (TimeoutException e) {
            return false;
        }
        catch (ExecutionException e) {
            // The listener threw: the stream is no longer read, so it has ended as far as we care.
            return true;
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
