package io.jenkins.plugins.bluegreen.engine.testbed;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An app's metrics as Prometheus scrapes them, on 127.0.0.1, for a real Prometheus to scrape: a
 * request counter per status code ({@code http_requests_total{code="200"}}) and a request duration
 * histogram ({@code http_request_duration_seconds}), which the test moves as if the app had served
 * requests. Which color the numbers belong to is the scrape target's label, as with an app that
 * does not know its own color.
 */
public final class MetricsEndpoint implements AutoCloseable {
    /** Upper bounds in seconds, as text: the {@code le} labels; {@code +Inf} follows. */
    private static final List<String> BUCKETS = List.of("0.05", "0.1", "0.25", "0.5", "1", "2.5");

    private final HttpServer server;
    private final Map<String, Long> requestsByCode = new TreeMap<>();
    private final long[] inBucket = new long[BUCKETS.size() + 1];
    private double secondsSum;
    private long observed;

    /**
     * Serves each of {@code codes}' counter from 0: {@code rate} and {@code increase} only see what a
     * series gained after its first scrape, so a series that first appears at 10 shows no requests.
     */
    public MetricsEndpoint(final String... codes) {
        for (String code : codes) {
            requestsByCode.put(code, 0L);
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                var body = exposition().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    /** {@code requests} more requests answered with {@code code}, each taking {@code took}. */
    public synchronized void served(final String code, final int requests, final Duration took) {
        requestsByCode.merge(code, (long) requests, Long::sum);
        double seconds = took.toNanos() / 1e9;
        int bucket = 0;
        while (bucket < BUCKETS.size() && seconds > Double.parseDouble(BUCKETS.get(bucket))) {
            bucket++;
        }
        inBucket[bucket] += requests;
        secondsSum += seconds * requests;
        observed += requests;
    }

    /** What to scrape: {@code 127.0.0.1:<port>} (the path is Prometheus' default, /metrics). */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized String exposition() {
        var text = new StringBuilder("# TYPE http_requests_total counter\n");
        requestsByCode.forEach((code, n) -> text.append("http_requests_total{code=\"").append(code).append("\"} ")
                .append(n).append('\n'));
        text.append("# TYPE http_request_duration_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i <= BUCKETS.size(); i++) {
            cumulative += inBucket[i];
            text.append("http_request_duration_seconds_bucket{le=\"").append(i < BUCKETS.size() ? BUCKETS.get(i) : "+Inf")
                    .append("\"} ").append(cumulative).append('\n');
        }
        text.append(String.format(Locale.ROOT, "http_request_duration_seconds_sum %.6f\n", secondsSum));
        text.append("http_request_duration_seconds_count ").append(observed).append('\n');
        return text.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
