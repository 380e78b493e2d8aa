package io.jenkins.plugins.bluegreen.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One setting of the merged config tree, read with the type its section expects. A wrong value is
 * recorded as an error ({@code file:line:col: slash/path: expected X, got Y}) and the reader carries
 * on with the default, so one load reports every mistake in the file.
 */
final class ConfigNode {
    private final JsonNode value;
    private final String path;
    private final SourceMap sources;
    private final Problems problems;

    ConfigNode(final JsonNode value, final String path, final SourceMap sources, final Problems problems) {
        this.value = value == null ? MissingNode.getInstance() : value;
        this.path = path;
        this.sources = sources;
        this.problems = problems;
    }

    ConfigNode at(final String key) {
        return new ConfigNode(value.get(key), SourceMap.child(path, key), sources, problems);
    }

    String path() {
        return path;
    }

    JsonNode json() {
        return value;
    }

    /** False for keys that are absent or written with no value ({@code healthcheck:}). */
    boolean present() {
        return !value.isMissingNode() && !value.isNull();
    }

    boolean isMap() {
        return value.isObject();
    }

    boolean isList() {
        return value.isArray();
    }

    String file() {
        return sources.fileOf(path);
    }

    SourceMap sources() {
        return sources;
    }

    Problems problems() {
        return problems;
    }

    /** Records {@code path: message} at this setting's line. */
    void error(final String message) {
        problems.error(sources.where(path) + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** Records a warning {@code path: message} at this setting's line; the load goes on. */
    void warn(final String message) {
        problems.warning(sources.where(path) + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** Records "expected {@code what}, got ..." for this setting. */
    void expected(final String what) {
        error("expected " + what + ", got " + describe(value));
    }

    /**
     * Checks this map's keys: {@code kamalOnly} keys are valid Kamal settings we ignore (gathered into
     * one warning), {@code x-} keys are extensions, anything else is an error suggesting the closest key.
     */
    void allowKeys(final Collection<String> known, final Collection<String> kamalOnly) {
        if (!value.isObject()) {
            return;
        }
        // Sorted, so the listing and the choice between equally close keys are the same on every run.
        var all = new TreeSet<String>(known);
        all.addAll(kamalOnly);
        value.fieldNames().forEachRemaining(key -> {
            if (kamalOnly.contains(key)) {
                problems.ignoredKamalKey(SourceMap.child(path, key));
            }
            else if (!known.contains(key) && !key.startsWith("x-")) {
                var hint = Suggestions.closest(key, all)
                        .map(k -> "did you mean '" + k + "'?")
                        .orElse("expected one of: " + String.join(", ", all));
                problems.error(sources.where(SourceMap.child(path, key)) + ": " + (path.isEmpty() ? "" : path + ": ")
                        + "unknown key '" + key + "' (" + hint + ")");
            }
        });
    }

    /** The entries of a map, in file order; an error and no entries if this is not a map. */
    Map<String, ConfigNode> entries(final String what) {
        var entries = new LinkedHashMap<String, ConfigNode>();
        if (!present()) {
            return entries;
        }
        if (!value.isObject()) {
            expected(what);
            return entries;
        }
        value.fieldNames().forEachRemaining(key -> entries.put(key, at(key)));
        return entries;
    }

    /** The items of a list; an error and no items if this is not a list. */
    List<ConfigNode> items(final String what) {
        var items = new ArrayList<ConfigNode>();
        if (!present()) {
            return items;
        }
        if (!value.isArray()) {
            expected(what);
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            items.add(new ConfigNode(value.get(i), SourceMap.child(path, String.valueOf(i)), sources, problems));
        }
        return items;
    }

    Optional<String> text(final String what) {
        if (!present()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            expected(what);
            return Optional.empty();
        }
        var text = value.asText();
        if (text.isBlank()) {
            expected(what);
            return Optional.empty();
        }
        if (isReference(text, what)) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /**
     * Reports a whole-value {@code $NAME} where references are not read: the user expects it to be
     * replaced, and a host or image literally named {@code $WEB_HOST} would fail much later.
     */
    boolean isReference(final String text, final String what) {
        if (SecretRef.parse(text).isEmpty()) {
            return false;
        }
        error("expected " + what + ", got the environment reference '" + text.strip() + "' (references are read only"
                + " in env and registry; use a destination for values that differ per environment)");
        return true;
    }

    String text(final String what, final String fallback) {
        return text(what).orElse(fallback);
    }

    /** A setting without which nothing can be deployed. */
    String required(final String what) {
        if (!present()) {
            error("expected " + what + ", got nothing");
            return "";
        }
        return text(what, "");
    }

    int integer(final int fallback, final int min, final int max) {
        if (!present()) {
            return fallback;
        }
        var what = max == Integer.MAX_VALUE ? "a whole number of at least " + min : "a whole number from " + min + " to " + max;
        if (!(value.isIntegralNumber() || value.isTextual() && value.asText().strip().matches("-?\\d{1,9}"))) {
            expected(what);
            return fallback;
        }
        long n = value.isIntegralNumber() ? value.asLong() : Long.parseLong(value.asText().strip());
        if (n < min || n > max) {
            expected(what);
            return fallback;
        }
        return (int) n;
    }

    int port(final int fallback) {
        if (!present()) {
            return fallback;
        }
        int port = integer(-1, 1, 65535);
        return port < 0 ? fallback : port;
    }

    double number(final double fallback, final double min, final double max) {
        if (!present()) {
            return fallback;
        }
        double n;
        if (value.isNumber()) {
            n = value.asDouble();
        }
        else if (value.isTextual() && value.asText().strip().matches("\\d+(\\.\\d+)?%?")) {
            n = Double.parseDouble(value.asText().strip().replace("%", ""));
        }
        else {
            expected("a number from " + plain(min) + " to " + plain(max));
            return fallback;
        }
        if (n < min || n > max) {
            expected("a number from " + plain(min) + " to " + plain(max));
            return fallback;
        }
        return n;
    }

    boolean bool(final boolean fallback) {
        if (!present()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            expected("true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    Duration duration(final Duration fallback) {
        if (!present()) {
            return fallback;
        }
        if (value.isValueNode() && !value.isBoolean()) {
            var parsed = Durations.parse(value.asText());
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        expected("a duration like 5s, 500ms, 10m, 1h or a number of seconds");
        return fallback;
    }

    /** One of a fixed set of lower-case words. */
    <E extends Enum<E>> E choice(final E fallback) {
        if (!present()) {
            return fallback;
        }
        var options = fallback.getDeclaringClass().getEnumConstants();
        var names = new ArrayList<String>();
        // YAML 1.1 reads a bare "off" (and "no") as false: take it as the option it was written as.
        var written = value.isBoolean() && !value.asBoolean() ? "off" : value.isTextual() ? value.asText().strip() : null;
        for (E option : options) {
            var name = option.name().toLowerCase(Locale.ROOT);
            if (name.equals(written)) {
                return option;
            }
            names.add(name);
        }
        expected("one of " + String.join(", ", names));
        return fallback;
    }

    List<String> textList(final String what, final List<String> fallback) {
        if (!present()) {
            return fallback;
        }
        var items = new ArrayList<String>();
        for (ConfigNode item : items("a list of " + what)) {
            item.text(what).ifPresent(items::add);
        }
        return List.copyOf(items);
    }

    /** Reads this setting as {@code reader} says if it is written, else returns {@code fallback}. */
    <T> T map(final Function<ConfigNode, T> reader, final T fallback) {
        return present() ? reader.apply(this) : fallback;
    }

    /**
     * What a whole file turned out to be, never quoting it: a file that parses as one value may be
     * something that was never meant to be read aloud (a key pasted in place of the config, say).
     */
    static String shape(final JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        return value.isArray() ? "a list" : value.isObject() ? "a map" : "a single value";
    }

    static String describe(final JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a map";
        }
        if (value.isTextual()) {
            return quote(value.asText());
        }
        return value.asText();
    }

    /**
     * {@code text} in single quotes on one line: line breaks and other control characters, and
     * anything outside ASCII, as a backslash-u escape, so an error shows a Cyrillic letter posing as a
     * Latin one and never spills over several lines.
     */
    static String quote(final String text) {
        var out = new StringBuilder("'");
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                out.append(c > 0xffff ? String.format("\\U%08X", c) : String.format("\\u%04X", c));
            }
            else {
                out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }

    private static String plain(final double n) {
        return n == Math.rint(n) ? String.valueOf((long) n) : String.valueOf(n);
    }
}
