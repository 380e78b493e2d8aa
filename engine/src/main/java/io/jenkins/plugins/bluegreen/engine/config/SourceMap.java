package io.jenkins.plugins.bluegreen.engine.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each setting of a (possibly merged) config tree was written: slash path to
 * {@code file:line:column}. Errors quote it so the user can jump to the line, also when the value
 * came from a destination file.
 */
final class SourceMap {
    private final String defaultFile;
    private final Map<String, Location> locations;

    private record Location(String file, int line, int column) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }

    SourceMap(final String defaultFile) {
        this(defaultFile, new HashMap<>());
    }

    private SourceMap(final String defaultFile, final Map<String, Location> locations) {
        this.defaultFile = defaultFile;
        this.locations = locations;
    }

    void put(final String path, final String file, final int line, final int column) {
        locations.put(path, new Location(file, line, column));
    }

    /** {@code file:line:column} of the path, else of its nearest recorded parent, else the file name. */
    String where(final String path) {
        var location = find(path);
        return location == null ? defaultFile : location.toString();
    }

    /** The file a setting was written in, without line and column. */
    String fileOf(final String path) {
        var location = find(path);
        return location == null ? defaultFile : location.file();
    }

    private Location find(final String path) {
        for (var p = path; !p.isEmpty(); p = parent(p)) {
            var location = locations.get(p);
            if (location != null) {
                return location;
            }
        }
        return null;
    }

    /** The entries below {@code prefix}, re-rooted so that {@code prefix/a} becomes {@code a}. */
    SourceMap under(final String prefix) {
        var sub = new HashMap<String, Location>();
        locations.forEach((path, location) -> {
            if (path.startsWith(prefix + "/")) {
                sub.put(path.substring(prefix.length() + 1), location);
            }
        });
        return new SourceMap(defaultFile, sub);
    }

    /** Replaces everything at and below {@code path} with what {@code overlay} recorded for it. */
    void replace(final String path, final SourceMap overlay) {
        locations.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
        overlay.locations.forEach((p, location) -> {
            if (p.equals(path) || p.startsWith(path + "/")) {
                locations.put(p, location);
            }
        });
    }

    static String child(final String path, final String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }

    private static String parent(final String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
