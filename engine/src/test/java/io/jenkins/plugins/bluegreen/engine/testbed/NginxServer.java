package io.jenkins.plugins.bluegreen.engine.testbed;

import io.jenkins.plugins.bluegreen.engine.traffic.NginxSettings;
import io.jenkins.plugins.bluegreen.engine.traffic.NginxUpstream;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static io.jenkins.plugins.bluegreen.engine.command.ShellQuote.quote;

/**
 * A real nginx in the foreground with its own prefix directory, listening on a free loopback port,
 * configured the way docs/traffic.md tells admins to: the site's server block proxies to the
 * upstream the switch writes, and reports the backend in {@code X-Bluegreen-Upstream}. A test may
 * give its own server block instead.
 * Start it through {@link NginxExtension}, which stops it after the test.
 */
public final class NginxServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final Path prefix;
    private final String service;
    private final int port;
    private final Process process;

    private NginxServer(final Path prefix, final String service, final int port, final Process process) {
        this.prefix = prefix;
        this.service = service;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts nginx in {@code prefix} with the upstream file pointing {@code initial.service()} at
     * {@code initial.port()}, and the server block {@code site} gives for a free port.
     */
    static NginxServer start(final Path nginx, final Path prefix, final Target initial, final IntFunction<String> site)
            throws IOException {
        Files.createDirectories(prefix.resolve("conf.d"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        Files.writeString(upstreamFile(prefix, initial.service()), NginxUpstream.render(initial));
        IOException last = null;
        // The free port we pick may be taken before nginx binds it; try another then.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = FreePorts.loopback();
            Files.writeString(prefix.resolve("nginx.conf"), config(prefix, site.apply(port)));
            var process = new ProcessBuilder(nginx.toString(), "-p", prefix.toString(), "-e", errorLog(prefix),
                    "-c", prefix.resolve("nginx.conf").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                    .start();
            if (awaitListening(process, port)) {
                return new NginxServer(prefix, initial.service(), port, process);
            }
            process.destroyForcibly();
            last = new IOException("nginx did not listen on 127.0.0.1:" + port + ": "
                    + Files.readString(prefix.resolve("logs/error.log")));
        }
        throw last;
    }

    /** The site of docs/traffic.md, listening on {@code port} of loopback. */
    static String site(final String service, final int port) {
        return String.join("\n", List.of(
                "server {",
                "    listen 127.0.0.1:" + port + ";",
                "    location / {",
                "        proxy_pass http://" + service + ";",
                "        proxy_http_version 1.1;",
                "        proxy_set_header Connection \"\";",
                "        proxy_set_header Host $host;",
                "        proxy_next_upstream error timeout;",
                "        add_header X-Bluegreen-Upstream $upstream_addr always;",
                "    }",
                "}"));
    }

    /** The whole nginx.conf: the lossless-reload settings of docs/traffic.md around one site. */
    private static String config(final Path prefix, final String site) {
        var tmp = prefix.resolve("tmp");
        return String.join("\n", List.of(
                "user root;",
                "worker_processes 2;",
                "pid " + prefix.resolve("logs/nginx.pid") + ";",
                "error_log " + errorLog(prefix) + " notice;",
                "worker_shutdown_timeout 30s;",
                "events { worker_connections 1024; }",
                "http {",
                "    access_log off;",
                "    client_body_temp_path " + tmp.resolve("body") + ";",
                "    proxy_temp_path " + tmp.resolve("proxy") + ";",
                "    fastcgi_temp_path " + tmp.resolve("fastcgi") + ";",
                "    uwsgi_temp_path " + tmp.resolve("uwsgi") + ";",
                "    scgi_temp_path " + tmp.resolve("scgi") + ";",
                "    include " + prefix.resolve("conf.d") + "/*.conf;",
                site,
                "}",
                ""));
    }

    /** The settings the switch uses to drive this nginx, as an admin would give them for a host. */
    public NginxSettings settings() {
        var nginx = "nginx -p " + quote(prefix.toString()) + " -e " + quote(errorLog(prefix))
                + " -c " + quote(prefix.resolve("nginx.conf").toString());
        return NginxSettings.defaults(service)
                .withUpstreamFile(upstreamFile(prefix, service).toString())
                .withPublicUrl(url())
                .withCommands(nginx + " -t", nginx + " -s reload");
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public Path upstreamFile() {
        return upstreamFile(prefix, service);
    }

    public String errorLog() throws IOException {
        return Files.readString(Path.of(errorLog(prefix)));
    }

    @Override
    public void close() {
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

    private static Path upstreamFile(final Path prefix, final String service) {
        return prefix.resolve("conf.d/" + service + "-upstream.conf");
    }

    private static String errorLog(final Path prefix) {
        return prefix.resolve("logs/error.log").toString();
    }

    private static boolean awaitListening(final Process process, final int port) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            }
            catch (IOException e) {
                sleep();
            }
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while waiting for nginx", e));
        }
    }
}
