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
 * A real nginx in the foreground with its own prefix directory, configured the way docs/traffic.md
 * tells admins to: the site's server block proxies to the upstream the switch writes, and reports
 * the backend in {@code X-Bluegreen-Upstream}. It runs either on this machine, on a free loopback
 * port (a test may give its own server block then), or on a test-bed host, on a port the test
 * chooses, where the host's commands name its files by the host's own paths. Start it through
 * {@link NginxExtension}, which stops it after the test.
 */
public final class NginxServer implements AutoCloseable {
    /** The log format docs/traffic.md gives for watching real traffic, as nginx.conf has it. */
    public static final String JSON_LOG_FORMAT = "log_format bluegreen escape=json '{\"time\":\"$time_iso8601\","
            + "\"status\":$status,\"request_time\":$request_time,\"upstream_addr\":\"$upstream_addr\","
            + "\"uri\":\"$request_uri\"}';";

    /** What this nginx writes for each request, in a file of its prefix's logs directory. */
    public enum AccessLog {
        /** Nothing: what the switch's tests need, and what keeps their timings free of disk writes. */
        OFF(null),
        /** One JSON object per request, in the format of {@link #JSON_LOG_FORMAT}, as the watch reads it. */
        JSON("bluegreen.json"),
        /** nginx's default combined format, which a distribution's nginx.conf writes out of the box. */
        COMBINED("access.log");

        private final String file;

        AccessLog(final String file) {
            this.file = file;
        }

        private String directives(final Path prefix) {
            return switch (this) {
                case OFF -> "    access_log off;";
                case JSON -> "    " + JSON_LOG_FORMAT + "\n    access_log " + file(prefix) + " bluegreen;";
                case COMBINED -> "    access_log " + file(prefix) + ";";
            };
        }

        private Path file(final Path prefix) {
            if (file == null) {
                throw new IllegalStateException("this nginx writes no access log; start it with AccessLog.JSON");
            }
            return prefix.resolve("logs").resolve(file);
        }
    }

    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final Path prefix;
    private final Path hostPrefix;
    private final String service;
    private final URI url;
    private final URI publicUrl;
    private final AccessLog log;
    private final Process process;

    private NginxServer(final Path prefix, final Path hostPrefix, final String service, final URI url,
                        final URI publicUrl, final AccessLog log, final Process process) {
        this.prefix = prefix;
        this.hostPrefix = hostPrefix;
        this.service = service;
        this.url = url;
        this.publicUrl = publicUrl;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts nginx in {@code prefix} with the upstream file pointing {@code initial.service()} at
     * {@code initial.port()}, and the server block {@code site} gives for a free port, writing {@code log}.
     */
    static NginxServer start(final Path nginx, final Path prefix, final Target initial, final AccessLog log,
                             final IntFunction<String> site) throws IOException {
        prepare(prefix, initial);
        IOException last = null;
        // The free port we pick may be taken before nginx binds it; try another then.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = FreePorts.loopback();
            var url = URI.create("http://127.0.0.1:" + port + "/");
            Files.writeString(prefix.resolve("nginx.conf"), config(prefix, site.apply(port), log));
            var process = launch(new ProcessBuilder(command(nginx, prefix)), prefix);
            if (awaitListening(process, InetAddress.getLoopbackAddress(), port)) {
                return new NginxServer(prefix, prefix, initial.service(), url, url, log, process);
            }
            process.destroyForcibly();
            last = new IOException("nginx did not listen on " + url + ": " + Files.readString(prefix.resolve("logs/error.log")));
        }
        throw last;
    }

    /**
     * Starts nginx on host {@code i} of {@code bed}, in the host's directory {@code name}, serving the
     * site of docs/traffic.md on {@code port} of every address the host has, writing {@code log}.
     */
    static NginxServer startOnHost(final Path nginx, final TestBed bed, final int i, final String name, final int port,
                                   final Target initial, final AccessLog log) throws IOException {
        var prefix = bed.dir(i).resolve(name);
        var hostPrefix = TestBed.view().resolve(name);
        prepare(prefix, initial);
        Files.writeString(prefix.resolve("nginx.conf"), config(hostPrefix, site(initial.service(), String.valueOf(port)), log));
        var process = launch(bed.onHost(i, command(nginx, hostPrefix).toArray(String[]::new)), prefix);
        var url = URI.create("http://" + bed.address(i) + ":" + port + "/");
        if (!awaitListening(process, InetAddress.getByName(bed.address(i)), port)) {
            process.destroyForcibly();
            throw new IOException("nginx on " + bed.host(i) + " did not listen on " + url + ": "
                    + Files.readString(prefix.resolve("logs/error.log")));
        }
        return new NginxServer(prefix, hostPrefix, initial.service(), url,
                URI.create("http://127.0.0.1:" + port + "/"), log, process);
    }

    private static void prepare(final Path prefix, final Target initial) throws IOException {
        Files.createDirectories(prefix.resolve("conf.d"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        Files.writeString(upstreamFile(prefix, initial.service()), NginxUpstream.render(initial));
    }

    private static List<String> command(final Path nginx, final Path prefix) {
        return List.of(nginx.toString(), "-p", prefix.toString(), "-e", errorLog(prefix),
                "-c", prefix.resolve("nginx.conf").toString(), "-g", "daemon off;");
    }

    private static Process launch(final ProcessBuilder nginx, final Path prefix) throws IOException {
        return nginx.redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
    }

    /** The site of docs/traffic.md, listening on {@code port} of loopback. */
    static String site(final String service, final int port) {
        return site(service, "127.0.0.1:" + port);
    }

    /** The site of docs/traffic.md, with nginx's {@code listen} parameter {@code listen}. */
    private static String site(final String service, final String listen) {
        return String.join("\n", List.of(
                "server {",
                "    listen " + listen + ";",
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
    private static String config(final Path prefix, final String site, final AccessLog log) {
        var tmp = prefix.resolve("tmp");
        return String.join("\n", List.of(
                "user root;",
                "worker_processes 2;",
                "pid " + prefix.resolve("logs/nginx.pid") + ";",
                "error_log " + errorLog(prefix) + " notice;",
                "worker_shutdown_timeout 30s;",
                "events { worker_connections 1024; }",
                "http {",
                log.directives(prefix),
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

    /**
     * The settings the switch uses to drive this nginx, as an admin would give them for a host: its
     * paths and public URL as the host sees them.
     */
    public NginxSettings settings() {
        var nginx = "nginx -p " + quote(hostPrefix.toString()) + " -e " + quote(errorLog(hostPrefix))
                + " -c " + quote(hostPrefix.resolve("nginx.conf").toString());
        return NginxSettings.defaults(service)
                .withUpstreamFile(upstreamFile(hostPrefix, service).toString())
                .withPublicUrl(publicUrl)
                .withCommands(nginx + " -t", nginx + " -s reload");
    }

    /** Where the tests reach this nginx. */
    public URI url() {
        return url;
    }

    /** The access log as nginx's host sees it: the path a watch on that host is given. */
    public String accessLog() {
        return log.file(hostPrefix).toString();
    }

    /** The access log as this machine sees it, for a test to rotate or fill. */
    public Path accessLogFile() {
        return log.file(prefix);
    }

    /**
     * Waits until the access log holds {@code lines} lines: nginx logs a request just after it
     * answered it, so a client may see the answer before the line is there.
     */
    public void awaitAccessLog(final int lines) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (Files.readAllLines(accessLogFile()).size() < lines) {
            if (System.nanoTime() > deadline) {
                throw new IOException(accessLogFile() + " has " + Files.readAllLines(accessLogFile()).size()
                        + " lines after " + STARTUP.toSeconds() + " s, not " + lines);
            }
            sleep();
        }
    }

    public Path upstreamFile() {
        return upstreamFile(prefix, service);
    }

    public String errorLog() throws IOException {
        return Files.readString(Path.of(errorLog(prefix)));
    }

    @Override
    public void close() {
        LocalProgram.stop(process);
    }

    private static Path upstreamFile(final Path prefix, final String service) {
        return prefix.resolve("conf.d/" + service + "-upstream.conf");
    }

    private static String errorLog(final Path prefix) {
        return prefix.resolve("logs/error.log").toString();
    }

    private static boolean awaitListening(final Process process, final InetAddress address, final int port) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 200);
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
