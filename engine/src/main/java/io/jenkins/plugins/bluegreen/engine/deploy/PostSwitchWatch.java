package io.jenkins.plugins.bluegreen.engine.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.bluegreen.engine.config.Gate;
import io.jenkins.plugins.bluegreen.engine.config.Watch;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.health.StatusRange;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Watches the new release after the switch, where Kamal stops looking: for {@code watch.duration},
 * every {@code watch.interval}, each host's public URL answers every gate path, and the error rate
 * and the p95 latency stay under their limits. The first breach ends the watch with its reason;
 * the caller switches back.
 *
 * <p>The error rate is read from {@code error_rate.url}'s JSON field when configured (the app's own
 * count over all its clients), else measured from the watch's own requests. A path must fail
 * {@value #FAILURES_IN_A_ROW} times in a row to count as down, so one dropped request does not undo
 * a release.
 */
final class PostSwitchWatch {
    static final int FAILURES_IN_A_ROW = 2;
    /** Fewer requests than this say nothing about a percentile or a rate. */
    private static final int MIN_SAMPLES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Watch watch;
    private final List<Gate.Path> paths;
    private final StatusRange status;
    private final OkHttpClient http;
    private final Timeline timeline;

    PostSwitchWatch(final Watch watch, final Gate gate, final Timeline timeline) {
        this.watch = watch;
        this.paths = gate.paths();
        this.status = gate.status();
        this.timeline = timeline;
        this.http = new OkHttpClient.Builder()
                .callTimeout(gate.timeout())
                .followRedirects(false)
                .build();
    }

    /**
     * Watches the hosts' public URLs (as reachable from here).
     *
     * @return why the release must go back, or empty when it held for the whole period
     */
    Optional<String> run(final Map<String, URI> publicUrls) throws InterruptedException {
        long end = System.nanoTime() + watch.duration().toNanos();
        var latencies = new ArrayList<Long>();
        var failuresInARow = new HashMap<String, Integer>();
        int requests = 0;
        int errors = 0;
        timeline.info(Phase.WATCH, null, "watching " + publicUrls.size() + " host(s) for "
                + seconds(watch.duration()) + ": error rate <= " + watch.errorRate().maxPercent() + "%, p95 <= "
                + seconds(watch.p95Latency()));
        while (System.nanoTime() < end) {
            for (var host : publicUrls.entrySet()) {
                for (Gate.Path path : paths) {
                    var url = host.getValue().resolve(path.path());
                    long started = System.nanoTime();
                    var failure = probe(url);
                    latencies.add(System.nanoTime() - started);
                    requests++;
                    var key = host.getKey() + " " + path.path();
                    if (failure == null) {
                        failuresInARow.remove(key);
                        continue;
                    }
                    errors++;
                    int inARow = failuresInARow.merge(key, 1, Integer::sum);
                    timeline.warn(Phase.WATCH, host.getKey(), path.path() + ": " + failure);
                    if (inARow >= FAILURES_IN_A_ROW) {
                        return Optional.of(host.getKey() + ": " + path.path() + " failed " + inARow
                                + " times in a row after the switch (" + failure + ")");
                    }
                }
            }
            var breach = errorRate(errors, requests).or(() -> p95(latencies));
            if (breach.isPresent()) {
                return breach;
            }
            Thread.sleep(watch.interval().toMillis());
        }
        timeline.info(Phase.WATCH, null, String.format(Locale.ROOT, "held for %s: %d request(s), %d failed, p95 %s",
                seconds(watch.duration()), requests, errors, seconds(Duration.ofNanos(percentile95(latencies)))));
        return Optional.empty();
    }

    private Optional<String> errorRate(final int errors, final int requests) {
        double percent;
        String source;
        if (watch.errorRate().url().isPresent()) {
            var read = readErrorRate(URI.create(watch.errorRate().url().get()));
            if (read.isEmpty()) {
                return Optional.empty();
            }
            percent = read.get();
            source = watch.errorRate().url().get();
        }
        else {
            if (requests < MIN_SAMPLES) {
                return Optional.empty();
            }
            percent = errors * 100.0 / requests;
            source = "the watch's own " + requests + " requests";
        }
        if (percent > watch.errorRate().maxPercent()) {
            return Optional.of(String.format(Locale.ROOT, "error rate %.2f%% over the limit of %s%% (from %s)",
                    percent, watch.errorRate().maxPercent(), source));
        }
        return Optional.empty();
    }

    /** The endpoint's number, as a percentage; empty (and a warning) when it cannot be read. */
    private Optional<Double> readErrorRate(final URI url) {
        var field = watch.errorRate().jsonField().orElse("error_rate");
        try (var response = http.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
            JsonNode value = JSON.readTree(response.body().string()).get(field);
            if (value != null && value.isNumber()) {
                return Optional.of(value.asDouble());
            }
            timeline.warn(Phase.WATCH, null, url + ": no number in field '" + field + "'");
        }
        catch (IOException e) {
            timeline.warn(Phase.WATCH, null, url + ": cannot read the error rate: " + e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<String> p95(final List<Long> latencies) {
        if (latencies.size() < MIN_SAMPLES) {
            return Optional.empty();
        }
        var p95 = Duration.ofNanos(percentile95(latencies));
        if (p95.compareTo(watch.p95Latency()) > 0) {
            return Optional.of("p95 latency " + seconds(p95) + " over the limit of " + seconds(watch.p95Latency())
                    + " (" + latencies.size() + " requests)");
        }
        return Optional.empty();
    }

    private static long percentile95(final List<Long> latencies) {
        if (latencies.isEmpty()) {
            return 0;
        }
        var sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
    }

    /** {@code null} when the answer passes, else why not. */
    private String probe(final URI url) {
        try (var response = http.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
            return status.contains(response.code()) ? null : "status " + response.code();
        }
        catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    private static String seconds(final Duration d) {
        return String.format(Locale.ROOT, "%.2fs", d.toMillis() / 1000.0);
    }
}
