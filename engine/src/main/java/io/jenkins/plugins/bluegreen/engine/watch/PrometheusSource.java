package io.jenkins.plugins.bluegreen.engine.watch;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The new color's traffic as a Prometheus server measures it: each interval, the configured queries
 * run once for the new color, and their numbers are the reading. Prometheus keeps the history
 * itself, so there is nothing to start; each query's {@code {{interval}}} window is what makes a
 * reading cover one interval.
 *
 * <p>A query without a number is never a pass: no series, or only NaN (a ratio over no requests),
 * makes a failed reading that names the query, unless the {@code requests} query says the interval
 * had no requests at all; then there was nothing to measure, and the reading says so with 0 requests
 * for {@code min_requests} to judge.
 */
public final class PrometheusSource implements TrafficSource {
    private static final String KEY = "x-bluegreen/watch/traffic/prometheus";
    private static final String EXPECTED_SERVER = "expected a Prometheus server's HTTP API";

    private final String url;
    private final PrometheusClient client;
    private final WatchedRelease release;
    private final Optional<PromQuery> errorRate;
    private final Optional<PromQuery> p95Latency;
    private final Optional<PromQuery> requests;

    public PrometheusSource(final WatchTraffic.Prometheus settings, final WatchedRelease release) {
        this.url = settings.url();
        try {
            this.client = new PrometheusClient(settings.url(), settings.timeout());
        }
        catch (IllegalArgumentException e) {
            throw new InvalidInputException(KEY + "/url: '" + settings.url() + "' cannot be opened (" + e.getMessage()
                    + "); expected a Prometheus server's URL like http://prometheus:9090");
        }
        this.release = release;
        this.errorRate = settings.errorRate().map(q -> new PromQuery("error_rate", q));
        this.p95Latency = settings.p95Latency().map(q -> new PromQuery("p95_latency", q));
        this.requests = settings.requests().map(q -> new PromQuery("requests", q));
    }

    @Override
    public String describe() {
        return "Prometheus " + url;
    }

    /** Runs each query once; a query with no data passes here, since the new color has no traffic yet. */
    @Override
    public void check() {
        for (PromQuery query : queries()) {
            var promql = query.render(release);
            try {
                client.query(promql);
            }
            catch (PrometheusException e) {
                throw new InvalidInputException(e.aboutQuery()
                        ? KEY + "/queries/" + query.name() + ": " + e.getMessage() + "; query: " + promql
                        : KEY + "/url: " + e.getMessage() + "; " + EXPECTED_SERVER);
            }
        }
    }

    /**
     * What the queries say now. Prometheus keeps the history and each query's {{interval}} window makes
     * the answer one interval's, so, unlike the access log, nothing needs starting at the switch.
     */
    @Override
    public Reading read() {
        try {
            long counted = -1;
            if (requests.isPresent()) {
                counted = count(requests.get());
                if (counted == 0) {
                    // No requests: the other queries' NaN or nothing is expected, and min_requests judges.
                    return Reading.measured(0, null, null);
                }
            }
            Double percent = errorRate.isPresent() ? number(errorRate.get()) : null;
            // +Inf seconds (a custom query's division by zero) rounds to the longest Duration: a breach.
            Duration p95 = p95Latency.isPresent() ? Duration.ofNanos(Math.round(number(p95Latency.get()) * 1e9)) : null;
            return Reading.measured(counted, percent, p95);
        }
        catch (QueryFailed e) {
            return Reading.failed(e.getMessage());
        }
    }

    /** Whether min_requests can apply: only a requests query says how many there were. */
    @Override
    public boolean countsRequests() {
        return requests.isPresent();
    }

    @Override
    public void close() {
        client.close();
    }

    private List<PromQuery> queries() {
        var all = new ArrayList<PromQuery>();
        errorRate.ifPresent(all::add);
        p95Latency.ifPresent(all::add);
        requests.ifPresent(all::add);
        return all;
    }

    /** The largest value {@code query} returns now; no series or only NaN is no data, and fails the reading. */
    private double number(final PromQuery query) throws QueryFailed {
        var promql = query.render(release);
        try {
            return client.query(promql).largest().map(PromResult.Sample::value).orElseThrow(() -> new QueryFailed(
                    "no data: queries." + query.name() + " returned nothing for " + release.color() + ": " + promql));
        }
        catch (PrometheusException e) {
            throw new QueryFailed("queries." + query.name() + ": " + e.getMessage()
                    + (e.aboutQuery() ? "; query: " + promql : ""));
        }
    }

    /**
     * The requests query's count. No series at all is zero, not missing data: PromQL's {@code sum} of
     * nothing is nothing, and an app that has not served a path yet has no series for it. A count
     * stuck at zero still shows, as "not enough traffic".
     */
    private long count(final PromQuery query) throws QueryFailed {
        var promql = query.render(release);
        try {
            return client.query(promql).largest().map(sample -> Math.round(sample.value())).orElse(0L);
        }
        catch (PrometheusException e) {
            throw new QueryFailed("queries." + query.name() + ": " + e.getMessage()
                    + (e.aboutQuery() ? "; query: " + promql : ""));
        }
    }

    /** One query's failure, ending this reading; never leaves {@link #read()}. */
    private static final class QueryFailed extends Exception {
        private static final long serialVersionUID = 1L;

        QueryFailed(final String message) {
            super(message);
        }
    }
}
