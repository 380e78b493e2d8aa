package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

/**
 * A machine we reach over SSH, as the config names it ({@code web-1.internal} or
 * {@code web-1.internal:2222}). A port of 0 means "the SSH port from the config".
 */
public record Host(String name, int port) {
    public Host {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("host: expected a host name, got an empty value");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("host " + name + ": expected a port from 1 to 65535, got " + port);
        }
    }

    /** Parses {@code name}, {@code name:port} or {@code [v6-address]:port}. */
    public static Host parse(final String text) {
        var t = text == null ? "" : text.strip();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new InvalidInputException("host '" + text + "': expected [address]:port, got no closing ']'");
            }
            var rest = t.substring(close + 1);
            return new Host(t.substring(1, close), rest.isEmpty() ? 0 : port(text, rest.substring(1)));
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(':') == colon) {
            return new Host(t.substring(0, colon), port(text, t.substring(colon + 1)));
        }
        return new Host(t, 0);
    }

    private static int port(final String text, final String port) {
        try {
            return Integer.parseInt(port);
        }
        catch (NumberFormatException e) {
            throw new InvalidInputException("host '" + text + "': expected a numeric port after ':', got '" + port + "'");
        }
    }

    /** The same host with {@code defaultPort} where the config named none. */
    public Host withDefaultPort(final int defaultPort) {
        return port == 0 ? new Host(name, defaultPort) : this;
    }

    @Override
    public String toString() {
        return port == 0 ? name : (name.contains(":") ? "[" + name + "]" : name) + ":" + port;
    }
}
