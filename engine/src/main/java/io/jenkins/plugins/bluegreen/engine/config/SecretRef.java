package io.jenkins.plugins.bluegreen.engine.config;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An environment variable the config names instead of writing its value ({@code $GHCR_TOKEN}).
 * It holds only the name; the value is looked up when needed and never becomes part of the config,
 * so it cannot leak through {@code config show}, an event or an error message.
 */
public record SecretRef(String name) implements ConfigValue {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("\\$(?:\\{(" + NAME + ")\\}|(" + NAME + "))");

    public SecretRef {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("secret reference: expected an environment variable name like GHCR_TOKEN, got '"
                    + name + "'");
        }
    }

    /** {@code $NAME} or {@code ${NAME}} as a reference; anything else is not one. */
    public static Optional<SecretRef> parse(final String text) {
        var m = REFERENCE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SecretRef(m.group(1) != null ? m.group(1) : m.group(2)));
    }

    static boolean isName(final String text) {
        return NAME.matcher(text).matches();
    }

    @Override
    public String resolve(final Function<String, String> env) {
        var value = env.apply(name);
        if (value == null) {
            throw new InvalidInputException("environment variable " + name + ": expected it to be set for the deploy, got nothing");
        }
        return value;
    }

    @Override
    public String display() {
        return "$" + name;
    }

    @Override
    public String toString() {
        return display();
    }
}
