package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

/**
 * Where a host's public traffic should go: the color of a release, the host port that color
 * publishes on the host's loopback, and the version it runs.
 *
 * @param service the service name, as in {@code service:} of the deploy config
 * @param color the color's name ({@code blue}, {@code green})
 * @param port the host port the color's container publishes on 127.0.0.1
 * @param version the release version (image tag) the color runs
 */
public record Target(String service, String color, int port, String version) {
    public Target {
        service = required("service", service);
        color = required("color", color);
        version = required("version", version);
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("traffic target port: expected 1 to 65535, got " + port);
        }
    }

    private static String required(final String what, final String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("traffic target " + what + ": expected a value, got an empty one");
        }
        return value;
    }

    /** The target as people read it in logs: {@code green (port 3002, v2)}. */
    public String describe() {
        return color + " (port " + port + ", " + version + ")";
    }
}
