package io.jenkins.plugins.bluegreen.engine.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the watch reads what the users' traffic did: nginx's access log on each host, a
 * Prometheus server, or both. Neither: the watch measures its own probe requests, as before there
 * was a choice.
 */
public record WatchTraffic(Optional<NginxLog> nginx, Optional<Prometheus> prometheus) {
    public static final WatchTraffic NONE = new WatchTraffic(Optional.empty(), Optional.empty());

    /** True when the watch judges real traffic rather than its own probes. */
    public boolean any() {
        return nginx.isPresent() || prometheus.isPresent();
    }

    /**
     * nginx on every host writing one JSON object per request to {@code accessLog}, with at least
     * {@code status}, {@code request_time} and {@code upstream_addr} (which color answered).
     *
     * @param errors which answers count as errors: {@code 5xx}, {@code 4xx} or single status codes like {@code 499}
     * @param timeout when set, a request that took at least this long counts as an error too
     */
    public record NginxLog(String accessLog, List<String> errors, Optional<Duration> timeout) {
        public static final String DEFAULT_ACCESS_LOG = "/var/log/nginx/bluegreen.json";
        public static final List<String> DEFAULT_ERRORS = List.of("5xx");
        private static final Pattern ERROR = Pattern.compile("[1-5]xx|[1-5]\\d\\d");

        public NginxLog {
            errors = List.copyOf(errors);
        }

        static NginxLog from(final ConfigNode node) {
            if (!node.isMap()) {
                node.expected("a map with access_log, errors and timeout");
            }
            node.allowKeys(Set.of("access_log", "errors", "timeout"), Set.of());
            var file = node.at("access_log").text("an absolute file path", DEFAULT_ACCESS_LOG);
            if (!file.startsWith("/")) {
                node.at("access_log").expected("an absolute file path");
            }
            var errors = new ArrayList<String>();
            for (ConfigNode item : node.at("errors").items("a list like [5xx, 499]")) {
                var text = item.json().asText().strip();
                if (ERROR.matcher(text).matches()) {
                    errors.add(text);
                }
                else {
                    item.expected("a status class like 5xx or a status code like 499");
                }
            }
            var timeout = node.at("timeout").map(n -> Optional.of(n.duration(Duration.ZERO)), Optional.<Duration>empty())
                    .filter(d -> !d.isZero());
            return new NginxLog(file, node.at("errors").present() ? errors : DEFAULT_ERRORS, timeout);
        }
    }

    /**
     * A Prometheus server's HTTP API and the PromQL queries that measure the new color, each
     * evaluated every watch interval. {@link #PLACEHOLDERS} in a query are replaced first.
     *
     * @param errorRate returns the error rate in percent
     * @param p95Latency returns the p95 latency in seconds
     * @param requests returns how many requests the new color served in the last interval, for {@code min_requests}
     */
    public record Prometheus(String url, Duration timeout, Optional<String> errorRate, Optional<String> p95Latency,
                             Optional<String> requests) {
        public static final List<String> PLACEHOLDERS = List.of("{{color}}", "{{version}}", "{{service}}", "{{interval}}");
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

        static Prometheus from(final ConfigNode node) {
            if (!node.isMap()) {
                node.expected("a map with url and queries");
            }
            node.allowKeys(Set.of("url", "timeout", "queries"), Set.of());
            var url = node.at("url").present() ? Traffic.url(node.at("url"), "") : node.at("url").required("the Prometheus server's URL, like http://prometheus:9090");
            if (url.matches("https?://[^/]*@.*")) {
                // Credentials in it would not be sent, and would show in every line the watch logs.
                node.at("url").error("expected a URL without user:password@, got one with credentials in it");
            }
            var queries = node.at("queries");
            if (queries.present() && !queries.isMap()) {
                queries.expected("a map with error_rate, p95_latency and requests");
            }
            queries.allowKeys(Set.of("error_rate", "p95_latency", "requests"), Set.of());
            var errorRate = query(queries.at("error_rate"), "a PromQL query returning the error rate in percent");
            var p95 = query(queries.at("p95_latency"), "a PromQL query returning the p95 latency in seconds");
            var requests = query(queries.at("requests"), "a PromQL query returning the requests of the last interval");
            if (errorRate.isEmpty() && p95.isEmpty() && !queries.at("error_rate").present()
                    && !queries.at("p95_latency").present()) {
                queries.error("expected an error_rate or a p95_latency query (or both), got neither");
            }
            return new Prometheus(url, node.at("timeout").duration(DEFAULT_TIMEOUT), errorRate, p95, requests);
        }

        private static Optional<String> query(final ConfigNode node, final String what) {
            var query = node.text(what);
            query.ifPresent(q -> {
                var m = Pattern.compile("\\{\\{[^{}]*\\}\\}").matcher(q);
                while (m.find()) {
                    if (!PLACEHOLDERS.contains(m.group())) {
                        node.error("unknown placeholder " + m.group() + " (expected " + String.join(", ", PLACEHOLDERS) + ")");
                    }
                }
            });
            return query;
        }
    }

    static WatchTraffic from(final ConfigNode node) {
        if (!node.present()) {
            return NONE;
        }
        if (!node.isMap()) {
            node.expected("a map with nginx, prometheus or both");
            return NONE;
        }
        node.allowKeys(Set.of("nginx", "prometheus"), Set.of());
        var traffic = new WatchTraffic(node.at("nginx").map(n -> Optional.of(NginxLog.from(n)), Optional.empty()),
                node.at("prometheus").map(n -> Optional.of(Prometheus.from(n)), Optional.empty()));
        if (!traffic.any()) {
            node.expected("nginx, prometheus or both");
        }
        return traffic;
    }
}
