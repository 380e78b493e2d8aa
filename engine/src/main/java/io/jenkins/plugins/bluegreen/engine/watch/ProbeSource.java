package io.jenkins.plugins.bluegreen.engine.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.bluegreen.engine.HttpCall;
import io.jenkins.plugins.bluegreen.engine.config.Gate;
import io.jenkins.plugins.bluegreen.engine.config.Watch;
import io.jenkins.plugins.bluegreen.engine.health.StatusRange;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The fallback when no source of real traffic is configured: each interval, one request to every
 * gate path of every host's public URL, and (when {@code error_rate.url} is set) the error rate
 * the app publishes itself. It sees only its own few requests, which is why real traffic is the
 * better judge; it still catches a release that went down.
 */
public final class ProbeSource implements TrafficSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, URI> publicUrls;
    private final List<Gate.Path> paths;
    private final StatusRange status;
    private final Watch.ErrorRate errorRate;
    private final OkHttpClient http;

    /** @param publicUrls each host's public URL as reachable from here, by host name */
    public ProbeSource(final Gate gate, final Watch.ErrorRate errorRate, final Map<String, URI> publicUrls) {
        this.publicUrls = Map.copyOf(publicUrls);
        this.paths = gate.paths();
        this.status = gate.status();
        this.errorRate = errorRate;
        this.http = new OkHttpClient.Builder().callTimeout(gate.timeout()).followRedirects(false).build();
    }

    @Override
    public String describe() {
        return "the watch's own requests to " + paths.size() + " path(s) on " + publicUrls.size() + " host(s)"
                + errorRate.url().map(u -> " and the error rate at " + u).orElse("");
    }

    @Override
    public void check() {
        // Nothing to check ahead: these are the gate's own paths, which just passed.
    }

    @Override
    public Reading read() {
        var latencies = new ArrayList<Long>();
        var failures = new ArrayList<String>();
        for (var host : publicUrls.entrySet()) {
            for (Gate.Path path : paths) {
                long started = System.nanoTime();
                var failure = probe(host.getValue().resolve(path.path()));
                latencies.add((System.nanoTime() - started) / 1_000_000);
                failure.ifPresent(f -> failures.add(host.getKey() + " " + path.path() + ": " + f));
            }
        }
        var own = Reading.counted(failures.size(), latencies.stream().mapToLong(Long::longValue).toArray());
        if (!failures.isEmpty()) {
            own = own.withDetail(String.join("; ", failures));
        }
        if (errorRate.url().isEmpty()) {
            return own;
        }
        var probed = own;
        // The app's count covers all its users; the probes still catch a release that stopped answering.
        return publishedErrorRate(URI.create(errorRate.url().get()))
                .map(published -> probed.withErrorPercent(Math.max(published, probed.errorPercent().orElse(0.0))))
                .orElseGet(() -> Reading.failed("cannot read the error rate at " + errorRate.url().get()));
    }

    @Override
    public boolean countsRequests() {
        // Every request is ours and each interval sends the same few: waiting for more would only delay.
        return false;
    }

    private Optional<Double> publishedErrorRate(final URI url) {
        var field = errorRate.jsonField().orElse("error_rate");
        try (var response = HttpCall.execute(http, new Request.Builder().url(url.toString()).build())) {
            JsonNode value = JSON.readTree(response.body().string()).get(field);
            return value != null && value.isNumber() ? Optional.of(value.asDouble()) : Optional.empty();
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Empty when the answer passes, else why not. */
    private Optional<String> probe(final URI url) {
        try (var response = HttpCall.execute(http, new Request.Builder().url(url.toString()).build())) {
            return status.contains(response.code()) ? Optional.empty() : Optional.of("status " + response.code());
        }
        catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
