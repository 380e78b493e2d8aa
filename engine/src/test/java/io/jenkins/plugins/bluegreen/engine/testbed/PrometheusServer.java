package io.jenkins.plugins.bluegreen.engine.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A real Prometheus on a free loopback port, with its own config and database in a temporary
 * directory, scraping the test's targets every second. {@link #start} returns once the server is
 * ready and has scraped every target once, so a test's counters move after their first sample.
 * Start it through {@link PrometheusExtension}, which stops it and deletes its directory.
 */
public final class PrometheusServer implements AutoCloseable {
    /** Startup replays an empty database: seconds, but a loaded machine may need more. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** Scrapes come every second; this is many of them. */
    private static final Duration SCRAPED = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Something to scrape at {@code address} ({@code host:port}, path /metrics), with labels on all its series. */
    public record Target(String address, Map<String, String> labels) {
        public Target {
            labels = Map.copyOf(labels);
        }
    }

    private final Path dir;
    private final Process process;
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(final Path dir, final Process process, final URI url) {
        this.dir = dir;
        this.process = process;
        this.url = url;
    }

    static PrometheusServer start(final Path program, final List<Target> targets) throws IOException {
        var dir = Files.createTempDirectory("bluegreen-prometheus-");
        try {
            Files.writeString(dir.resolve("prometheus.yml"), config(targets));
            var server = launch(program, dir);
            server.awaitScraped(targets);
            return server;
        }
        catch (IOException | RuntimeException | Error e) {
            delete(dir);
            throw e;
        }
    }

    /**
     * A server on host {@code i} of {@code bed}, as a fleet's Prometheus runs beside the apps it
     * scrapes: in the host's namespaces, listening on {@code port} of every address the host has, so
     * a deploy running here reaches it at the host's address. It waits only until the server is
     * ready, not for its targets: during a deploy the colors it scrapes come and go.
     */
    static PrometheusServer startOnHost(final Path program, final TestBed bed, final int i, final int port,
                                        final List<Target> targets) throws IOException {
        var name = "prometheus-" + Long.toHexString(System.nanoTime());
        var dir = Files.createDirectories(bed.dir(i).resolve(name));
        var seen = TestBed.view().resolve(name);
        try {
            Files.writeString(dir.resolve("prometheus.yml"), config(targets));
            var process = bed.onHost(i, program.toString(), "--config.file=" + seen.resolve("prometheus.yml"),
                            "--storage.tsdb.path=" + seen.resolve("data"), "--web.listen-address=0.0.0.0:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            var server = new PrometheusServer(dir, process, URI.create("http://" + bed.address(i) + ":" + port));
            if (server.await(STARTUP, () -> server.status("/-/ready").filter(s -> s == 200)).isEmpty()) {
                process.destroyForcibly();
                throw new IOException("prometheus on " + bed.host(i) + " did not become ready on port " + port
                        + server.log());
            }
            return server;
        }
        catch (IOException | RuntimeException | Error e) {
            delete(dir);
            throw e;
        }
    }

    /** The server's base URL, like a user would configure it: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return url.toString();
    }

    /**
     * Waits until {@code promql} returns {@code value} in some series: the moment a test's change
     * to a counter has been scraped.
     */
    public void awaitValue(final String promql, final double value) {
        var seen = await(SCRAPED, () -> query(promql).filter(r -> values(r).contains(value)));
        if (seen.isEmpty()) {
            throw new AssertionError(promql + " did not reach " + value + " within " + SCRAPED.toSeconds()
                    + " s; it returned " + query(promql).map(JsonNode::toString).orElse("nothing") + log());
        }
    }

    @Override
    public void close() {
        try {
            LocalProgram.stop(process);
        }
        finally {
            delete(dir);
        }
    }

    /** YAML is a superset of JSON: Jackson writes the config, and quoting labels is its job. */
    private static String config(final List<Target> targets) throws IOException {
        var staticConfigs = new ArrayList<Map<String, Object>>();
        for (Target target : targets) {
            staticConfigs.add(Map.of("targets", List.of(target.address()), "labels", target.labels()));
        }
        var config = new LinkedHashMap<String, Object>();
        config.put("global", Map.of("scrape_interval", "1s", "scrape_timeout", "1s", "evaluation_interval", "1s"));
        config.put("scrape_configs", List.of(Map.of("job_name", "app", "static_configs", staticConfigs)));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    }

    /** Starts the server on a free port; a port taken between our probe and its bind means another try. */
    private static PrometheusServer launch(final Path program, final Path dir) throws IOException {
        String failure = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = FreePorts.loopback();
            var log = dir.resolve("prometheus-" + attempt + ".log");
            var process = new ProcessBuilder(program.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port)
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            var server = new PrometheusServer(dir, process, URI.create("http://127.0.0.1:" + port));
            if (server.await(STARTUP, () -> server.status("/-/ready").filter(s -> s == 200)).isPresent()) {
                return server;
            }
            process.destroyForcibly();
            failure = Files.readString(log);
        }
        throw new IOException("prometheus did not become ready in 3 tries; its last log:\n" + failure);
    }

    /** Waits until {@code up} is 1 for each target: each has been scraped, and its series have their first sample. */
    private void awaitScraped(final List<Target> targets) {
        var addresses = new HashSet<String>();
        targets.forEach(t -> addresses.add(t.address()));
        Predicate<JsonNode> allUp = result -> {
            var up = new HashSet<String>();
            result.forEach(s -> {
                if ("1".equals(s.path("value").path(1).asText())) {
                    up.add(s.path("metric").path("instance").asText());
                }
            });
            return up.containsAll(addresses);
        };
        if (await(SCRAPED, () -> query("up").filter(allUp)).isEmpty()) {
            throw new AssertionError("prometheus did not scrape " + addresses + " within " + SCRAPED.toSeconds()
                    + " s; up is " + query("up").map(JsonNode::toString).orElse("nothing") + log());
        }
    }

    /** The {@code data.result} of an instant query, or empty when the server does not answer with one. */
    private Optional<JsonNode> query(final String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .filter(r -> r.statusCode() == 200)
                .map(r -> {
                    try {
                        return JSON.readTree(r.body()).path("data").path("result");
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static List<Double> values(final JsonNode result) {
        var values = new ArrayList<Double>();
        result.forEach(s -> values.add(Double.parseDouble(s.path("value").path(1).asText("NaN"))));
        return values;
    }

    private Optional<Integer> status(final String path) {
        return get(path).map(HttpResponse::statusCode);
    }

    private Optional<HttpResponse<String>> get(final String pathAndQuery) {
        try {
            var request = HttpRequest.newBuilder(url.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5)).build();
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        }
        catch (IOException e) {
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for prometheus", e);
        }
    }

    /** Polls {@code condition} until it holds, the server exits or {@code limit} passes. */
    private <T> Optional<T> await(final Duration limit, final Supplier<Optional<T>> condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            var result = condition.get();
            if (result.isPresent()) {
                return result;
            }
            try {
                Thread.sleep(POLL.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for prometheus", e);
            }
        }
        return Optional.empty();
    }

    private String log() {
        try (Stream<Path> logs = Files.list(dir)) {
            var last = logs.filter(p -> p.getFileName().toString().endsWith(".log")).max(Comparator.naturalOrder());
            return last.isPresent() ? "\nprometheus log:\n" + Files.readString(last.get()) : "";
        }
        catch (IOException e) {
            return "";
        }
    }

    private static void delete(final Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
