package io.jenkins.plugins.bluegreen.engine.secret;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Replaces every known secret value in a text with {@value #MASK}. Every line that leaves the
 * engine (log, event, error message) passes through one of these.
 */
public final class SecretMask {
    public static final String MASK = "****";
    /** Values this short would mask ordinary words and numbers, so they are never treated as secrets. */
    private static final int SHORTEST_SECRET = 3;

    private static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> secrets;

    private SecretMask(final List<String> secrets) {
        this.secrets = secrets;
    }

    public static SecretMask none() {
        return NONE;
    }

    public static SecretMask of(final Collection<String> values) {
        return NONE.with(values);
    }

    /** A mask that also hides {@code values}; blank and very short values are ignored. */
    public SecretMask with(final Collection<String> values) {
        // Longest first, so a secret that contains another is masked whole.
        var all = Stream.concat(secrets.stream(), values.stream().filter(Objects::nonNull))
                .filter(v -> v.strip().length() >= SHORTEST_SECRET)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return new SecretMask(all);
    }

    public String apply(final String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        var out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }
}
