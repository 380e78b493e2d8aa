package io.jenkins.plugins.bluegreen.engine.testbed;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 answering each path from a script: a list of responses played in
 * order, the last one repeated. For health gates and anything else that must meet real sockets.
 */
public final class ScriptedHttpServer implements AutoCloseable {
    /** One scripted answer; {@code delay} is waited before answering (bounded by the test's own timeouts). */
    public record Reply(int status, String body, Duration delay) {
        public static Reply of(final int status, final String body) {
            return new Reply(status, body, Duration.ZERO);
        }
    }

    static {
        // Without it the JDK server's small writes meet delayed ACKs: ~40 ms per kept-alive request.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    public ScriptedHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            var path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            var script = scripts.get(path);
            Reply reply;
            synchronized (this) {
                reply = script == null ? Reply.of(404, "no script for " + path)
                        : script.size() > 1 ? script.poll() : script.peek();
            }
            try {
                Thread.sleep(reply.delay().toMillis());
                var bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            catch (IOException e) {
                // The client gave up (a timeout test); nothing to answer.
            }
            finally {
                exchange.close();
            }
        });
        server.start();
    }

    public ScriptedHttpServer on(final String path, final Reply... replies) {
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    public String url(final String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int hits(final String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    /** A loopback port nothing listens on: bound, then released, so connections to it are refused. */
    public static int closedPort() {
        return FreePorts.loopback();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
