package io.jenkins.plugins.bluegreen.engine.health;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.net.URI;

/**
 * One URL the gate polls, with the host it stands for. The URL may point at a tunnel's local port;
 * {@code host} is what messages name, so on-call reads {@code web-2}, not {@code 127.0.0.1:41877}.
 *
 * @param requireChecks the body must hold a {@code checks} map whose every entry is {@code true}, as a
 *                      readiness endpoint reporting database, redis and queue does
 */
public record GateTarget(String host, String url, boolean requireChecks) {
    public GateTarget {
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException | NullPointerException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new InvalidInputException("gate url: expected http(s)://host[:port]/path, got '" + url + "'");
        }
        host = host == null || host.isBlank() ? uri.getHost() : host;
    }

    /** A target that requires checks exactly when its path ends in {@code /ready}, the config's default. */
    public GateTarget(final String host, final String url) {
        this(host, url, isReadiness(url));
    }

    private static boolean isReadiness(final String url) {
        try {
            var path = URI.create(url).getPath();
            return path != null && path.endsWith("/ready");
        }
        catch (IllegalArgumentException | NullPointerException e) {
            // The canonical constructor explains the bad URL.
            return false;
        }
    }
}
