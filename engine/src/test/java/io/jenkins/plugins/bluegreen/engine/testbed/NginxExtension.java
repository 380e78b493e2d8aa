package io.jenkins.plugins.bluegreen.engine.testbed;

import io.jenkins.plugins.bluegreen.engine.traffic.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts real nginx instances for a test and stops them (and removes their directories) after it.
 * Use with {@code @RegisterExtension final NginxExtension nginx = new NginxExtension();}.
 */
public final class NginxExtension implements BeforeEachCallback, AfterEachCallback {
    private final List<NginxServer> servers = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();
    private Path program;

    @Override
    public void beforeEach(final ExtensionContext context) {
        program = TestTools.require("nginx");
    }

    /** A new nginx whose upstream file already points {@code initial.service()} at {@code initial.port()}. */
    public NginxServer start(final Target initial) {
        return start(initial, port -> NginxServer.site(initial.service(), port));
    }

    /** A new nginx as {@link #start(Target)}, serving the server block {@code site} makes for a free port. */
    public NginxServer start(final Target initial, final IntFunction<String> site) {
        return start(initial, NginxServer.AccessLog.OFF, site);
    }

    /** A new nginx as {@link #start(Target, IntFunction)} that writes {@code log} for each request. */
    public NginxServer start(final Target initial, final NginxServer.AccessLog log, final IntFunction<String> site) {
        try {
            var dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "nginx-");
            dirs.add(dir);
            var server = NginxServer.start(program, dir, initial, log, site);
            servers.add(server);
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new nginx on host {@code i} of {@code bed}, in the host's directory {@code name}, serving the
     * site of docs/traffic.md on {@code port}; its upstream file already points at {@code initial}.
     */
    public NginxServer startOnHost(final TestBed bed, final int i, final String name, final int port,
                                   final Target initial) {
        return startOnHost(bed, i, name, port, initial, NginxServer.AccessLog.OFF);
    }

    /** A new nginx as {@link #startOnHost(TestBed, int, String, int, Target)} that writes {@code log}. */
    public NginxServer startOnHost(final TestBed bed, final int i, final String name, final int port,
                                   final Target initial, final NginxServer.AccessLog log) {
        try {
            var server = NginxServer.startOnHost(program, bed, i, name, port, initial, log);
            servers.add(server);
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(final ExtensionContext context) throws IOException {
        servers.forEach(NginxServer::close);
        servers.clear();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        dirs.clear();
    }
}
