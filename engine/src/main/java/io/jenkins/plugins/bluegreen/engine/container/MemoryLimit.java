package io.jenkins.plugins.bluegreen.engine.container;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A memory limit as people write it ({@code 512MB}, {@code 1GiB}, {@code 2g}) turned into the one
 * spelling both docker and podman accept: a whole number and a single lower-case unit letter.
 * podman rejects {@code 512MB}; docker accepts both, so the short form is the common ground.
 */
final class MemoryLimit {
    private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*([a-zA-Z]*)");
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("", "b"), Map.entry("b", "b"),
            Map.entry("k", "k"), Map.entry("kb", "k"), Map.entry("kib", "k"),
            Map.entry("m", "m"), Map.entry("mb", "m"), Map.entry("mib", "m"),
            Map.entry("g", "g"), Map.entry("gb", "g"), Map.entry("gib", "g"));

    private MemoryLimit() {
    }

    static String toRuntimeFlag(final String text, final String where) {
        var m = FORM.matcher(text == null ? "" : text.strip());
        var unit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null || Long.parseLong(m.group(1)) == 0) {
            throw new InvalidInputException(where + ": expected a memory size like 512MB, 512m or 2GB, got '"
                    + text + "'");
        }
        return m.group(1) + unit;
    }
}
