package io.jenkins.plugins.bluegreen.engine.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts real Prometheus servers for tests and stops them (deleting their directories) when their
 * scope ends: a server started in a test, after that test; one started in {@code @BeforeAll}, after
 * the class, so the tests of a class can share one server's startup and scraped data. Register it
 * on a static field for the latter:
 *
 * <pre>{@code @RegisterExtension static final PrometheusExtension PROMETHEUS = new PrometheusExtension();}</pre>
 */
public final class PrometheusExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final List<PrometheusServer> forClass = new ArrayList<>();
    private final List<PrometheusServer> forTest = new ArrayList<>();
    private boolean inTest;
    private Path program;

    @Override
    public void beforeAll(final ExtensionContext context) {
        program = TestTools.require("prometheus");
    }

    @Override
    public void beforeEach(final ExtensionContext context) {
        program = TestTools.require("prometheus");
        inTest = true;
    }

    /** A new server scraping {@code targets} every second, once it has scraped each of them. */
    public PrometheusServer start(final PrometheusServer.Target... targets) {
        try {
            var server = PrometheusServer.start(program, List.of(targets));
            (inTest ? forTest : forClass).add(server);
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new server on host {@code i} of {@code bed}, on {@code port}: see {@link PrometheusServer#startOnHost}. */
    public PrometheusServer startOnHost(final TestBed bed, final int i, final int port,
                                        final PrometheusServer.Target... targets) {
        try {
            var server = PrometheusServer.startOnHost(program, bed, i, port, List.of(targets));
            (inTest ? forTest : forClass).add(server);
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        inTest = false;
        stop(forTest);
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        stop(forClass);
    }

    private static void stop(final List<PrometheusServer> servers) {
        servers.forEach(PrometheusServer::close);
        servers.clear();
    }
}
