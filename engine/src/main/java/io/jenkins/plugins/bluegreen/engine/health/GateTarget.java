package io.jenkins.plugins.bluegreen.engine.health;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.net.URI;

/**
 * One URL the gate polls, with the host it stands for. The URL may point at a tunnel's local port;
 * {@code host} is what messages name, so on-call reads {@code web-2}, not {@code 127.0.0.1:41877}.
 */
public record GateTarget(String host, String url) {
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

    String path() {
        var p = URI.create(url).getPath();
        return p == null ? "" : p;
    }
}
