package io.jenkins.plugins.bluegreen.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Applies a destination to the base config, both ways Kamal users write them: a
 * {@code config/deploy.<dest>.yml} file next to the base, and a top-level block named after the
 * destination inside the base file. Maps merge key by key; anything else the destination sets
 * replaces the base value.
 */
final class Destinations {
    private Destinations() {
    }

    /**
     * The top-level keys of {@code root} that are inline destination blocks: not a setting, but a map
     * holding settings ({@code production: {servers: ...}}). A name one typo away from a setting
     * ({@code prxy: {healthcheck: ...}}) is taken for that typo, not for a destination to skip silently.
     */
    static List<String> inlineBlocks(final JsonNode root) {
        var settings = new ArrayList<String>(DeployConfig.KEYS);
        settings.addAll(DeployConfig.KAMAL_ONLY);
        var blocks = new ArrayList<String>();
        root.fields().forEachRemaining(e -> {
            var key = e.getKey();
            if (!settings.contains(key) && !key.startsWith("x-") && Suggestions.closest(key, settings).isEmpty()
                    && e.getValue().isObject() && anyTopLevelKey(e.getValue())) {
                blocks.add(key);
            }
        });
        return blocks;
    }

    private static boolean anyTopLevelKey(final JsonNode block) {
        var names = new ArrayList<String>();
        block.fieldNames().forEachRemaining(names::add);
        return names.stream().anyMatch(k -> DeployConfig.KEYS.contains(k) || DeployConfig.KAMAL_ONLY.contains(k));
    }

    /** {@code config/deploy.yml} -> {@code config/deploy.<dest>.yml}. */
    static Path overlayFile(final Path base, final String destination) {
        var name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        var stem = dot < 0 ? name : name.substring(0, dot);
        var ext = dot < 0 ? "" : name.substring(dot);
        return base.resolveSibling(stem + "." + destination + ext);
    }

    /** Every destination the user could pick: inline blocks and overlay files next to the base. */
    static List<String> known(final Path base, final JsonNode root) {
        var names = new TreeSet<>(inlineBlocks(root));
        var name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        var prefix = (dot < 0 ? name : name.substring(0, dot)) + ".";
        var suffix = dot < 0 ? "" : name.substring(dot);
        var dir = base.toAbsolutePath().getParent();
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(f -> f.startsWith(prefix) && f.endsWith(suffix) && f.length() > prefix.length() + suffix.length())
                        .map(f -> f.substring(prefix.length(), f.length() - suffix.length()))
                        .filter(d -> !d.contains("."))
                        .forEach(names::add);
            }
            catch (IOException e) {
                // Only used to list choices in an error message; the message still stands without them.
            }
        }
        return List.copyOf(names);
    }

    /** Merges {@code overlay} over {@code base} in place, the sources of what it replaces going with it. */
    static void merge(final ObjectNode base, final SourceMap baseSources, final JsonNode overlay,
            final SourceMap overlaySources, final String path) {
        overlay.fields().forEachRemaining(e -> {
            var key = e.getKey();
            var childPath = SourceMap.child(path, key);
            var existing = base.get(key);
            if (existing instanceof ObjectNode existingMap && e.getValue().isObject()) {
                merge(existingMap, baseSources, e.getValue(), overlaySources, childPath);
            }
            else {
                base.set(key, e.getValue().deepCopy());
                baseSources.replace(childPath, overlaySources);
            }
        });
    }
}
