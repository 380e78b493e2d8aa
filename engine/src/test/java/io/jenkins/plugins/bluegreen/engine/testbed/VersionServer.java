package io.jenkins.plugins.bluegreen.engine.testbed;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A release stand-in on loopback: answers every request with 200 and its version as the body. */
public final class VersionServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final String version;

    private VersionServer(final HttpServer server, final ExecutorService threads, final String version) {
        this.server = server;
        this.threads = threads;
        this.version = version;
    }

    /** Starts on a free loopback port. */
    public static VersionServer start(final String version) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            var body = version.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().add("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            var threads = Executors.newFixedThreadPool(8);
            server.setExecutor(threads);
            server.start();
            return new VersionServer(server, threads, version);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String version() {
        return version;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
