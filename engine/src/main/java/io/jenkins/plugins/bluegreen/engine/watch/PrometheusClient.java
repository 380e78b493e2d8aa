package io.jenkins.plugins.bluegreen.engine.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.engine.Excerpt;
import io.jenkins.plugins.bluegreen.engine.HttpCall;
import io.jenkins.plugins.bluegreen.engine.watch.PrometheusException.Failure;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Instant queries against a Prometheus server's HTTP API ({@code GET <url>/api/v1/query}), each
 * evaluated at the server's "now". Every way a query can come back without a number is a
 * {@link PrometheusException} that says whose fault it is, so a watch can tell a wrong URL from a
 * wrong query.
 */
public final class PrometheusClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough of a foreign answer to recognise it (a login page, a proxy's error), short enough for one line. */
    private static final int EXCERPT = 120;

    private final String server;
    private final HttpUrl endpoint;
    private final Duration timeout;
    private final OkHttpClient http;

    /**
     * @param server the server's base URL, as configured; a path in it (a Prometheus behind a prefix) is kept
     * @param timeout how long one query may take, connecting included
     * @throws IllegalArgumentException when {@code server} is not an http(s) URL OkHttp can open, saying why
     */
    public PrometheusClient(final String server, final Duration timeout) {
        this.server = server;
        this.endpoint = HttpUrl.get(server).newBuilder().addPathSegments("api/v1/query").build();
        this.timeout = timeout;
        this.http = new OkHttpClient.Builder().callTimeout(timeout).build();
    }

    /** The result of {@code promql} now: a vector's series, or a scalar as one series without labels. */
    public PromResult query(final String promql) throws PrometheusException {
        var request = new Request.Builder().url(endpoint.newBuilder().addQueryParameter("query", promql).build())
                .get().build();
        int status;
        String type;
        String body;
        try (var response = HttpCall.execute(http, request)) {
            status = response.code();
            type = response.header("Content-Type", "no content type");
            body = response.body().string();
        }
        catch (UnknownHostException e) {
            throw unreachable("unknown host " + endpoint.host());
        }
        catch (InterruptedIOException e) {
            throw unreachable("no answer within " + PromQuery.duration(timeout) + ", the timeout");
        }
        catch (IOException e) {
            throw unreachable(rootCause(e));
        }
        return parse(status, type, body);
    }

    private PromResult parse(final int status, final String type, final String body) throws PrometheusException {
        var root = json(body);
        if (root == null || !root.path("status").isTextual()) {
            throw new PrometheusException(Failure.NOT_PROMETHEUS, endpoint + " answered HTTP " + status + " (" + type
                    + ") with '" + excerpt(body) + "', not the JSON of Prometheus' HTTP API");
        }
        if (!"success".equals(root.get("status").asText())) {
            throw new PrometheusException(Failure.REJECTED, "Prometheus rejected the query: "
                    + root.path("error").asText("HTTP " + status + " without an error message"));
        }
        var data = root.path("data");
        var result = data.path("result");
        var samples = new ArrayList<PromResult.Sample>();
        switch (data.path("resultType").asText()) {
            case "vector" -> {
                for (JsonNode series : result) {
                    var labels = new HashMap<String, String>();
                    series.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
                    if (!series.path("value").isArray()) {
                        throw new PrometheusException(Failure.NOT_A_NUMBER, "the query returned a series " + labels
                                + " without a plain value (a native histogram?); expected one number per series");
                    }
                    samples.add(new PromResult.Sample(labels, value(series.path("value"))));
                }
            }
            case "scalar" -> samples.add(new PromResult.Sample(Map.of(), value(result)));
            case "matrix" -> throw notANumber("a range vector (a matrix: one list of values per series)");
            default -> throw notANumber("a " + data.path("resultType").asText("result of no type"));
        }
        return new PromResult(samples);
    }

    /** A {@code [time, "value"]} pair's value; Prometheus writes NaN and the infinities as words. */
    private double value(final JsonNode pair) throws PrometheusException {
        var text = pair.path(1).asText();
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                }
                catch (NumberFormatException e) {
                    throw new PrometheusException(Failure.NOT_PROMETHEUS, endpoint + " answered a value '" + excerpt(text)
                            + "' that is not a number, not the JSON of Prometheus' HTTP API");
                }
        }
    }

    private static JsonNode json(final String body) {
        try {
            var root = JSON.readTree(body);
            return root != null && root.isObject() ? root : null;
        }
        catch (JsonProcessingException e) {
            return null;
        }
    }

    private PrometheusException unreachable(final String why) {
        return new PrometheusException(Failure.UNREACHABLE, "cannot reach " + server + " (" + why + ")");
    }

    private static PrometheusException notANumber(final String what) {
        return new PrometheusException(Failure.NOT_A_NUMBER, "the query returned " + what
                + "; expected an instant vector or a scalar");
    }

    /**
     * The innermost message: OkHttp wraps "Connection refused" in "Failed to connect to /127.0.0.1:9".
     * Java 21 says "Connection refused (connect failed)" where Java 17 says "Connection refused"; the
     * suffix adds nothing, and the same refusal should read the same on Debian 12 and 13.
     */
    private static String rootCause(final Throwable e) {
        var cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getMessage().replaceFirst(" \\(connect failed\\)$", "");
    }

    private static String excerpt(final String text) {
        return Excerpt.of(text, EXCERPT);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
