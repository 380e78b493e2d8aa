package io.jenkins.plugins.bluegreen.engine.watch;

/**
 * A query that got no result, and whose fault that is: the server's (cannot be reached, is not a
 * Prometheus API) or the query's (rejected, or not a number). The message says what happened in
 * words for people, without the query itself, which the caller adds where it helps.
 */
public final class PrometheusException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why there is no result. */
    public enum Failure {
        /** No connection, or no answer within the timeout. */
        UNREACHABLE,
        /** An answer that is not Prometheus' HTTP API: HTML, a proxy's page, JSON of another shape. */
        NOT_PROMETHEUS,
        /** Prometheus answered with an error: a parse error, a query that failed or timed out. */
        REJECTED,
        /** Prometheus answered with something other than a number per series: a range vector or a string. */
        NOT_A_NUMBER
    }

    private final Failure failure;

    public PrometheusException(final Failure failure, final String message) {
        super(message);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    /** Whether the query is at fault (and should be shown), rather than the server or the URL. */
    public boolean aboutQuery() {
        return failure == Failure.REJECTED || failure == Failure.NOT_A_NUMBER;
    }
}
