package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.regex.Pattern;

/**
 * A service as deployed to one destination ({@code service: a2d2} with {@code -d staging}). Its
 * qualified name keys everything it owns on a host: container names, labels, history file, lock.
 *
 * @param destination {@code null} when the config has no destinations
 */
public record Service(String name, String destination) {
    /** Safe in a container name, a file name and a label value alike, so no quoting questions arise. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    public Service {
        check("service", name);
        if (destination != null) {
            check("destination", destination);
        }
    }

    public static Service of(final String name) {
        return new Service(name, null);
    }

    private static void check(final String key, final String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidInputException(key + ": expected lower-case letters, digits, '.', '_' or '-' "
                    + "(starting with a letter or digit, at most 63), got '" + value + "'");
        }
    }

    /** {@code name} or {@code name-destination}. */
    public String qualified() {
        return destination == null ? name : name + "-" + destination;
    }

    @Override
    public String toString() {
        return qualified();
    }
}
