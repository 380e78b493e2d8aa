package io.jenkins.plugins.bluegreen.engine.config;

import java.util.regex.Pattern;

/**
 * A {@code volumes} entry as docker and podman take it: {@code source:target[:options]}, the source
 * a named volume or a path, the target an absolute path in the container. Paths are limited to
 * characters real paths use, so a value meant for a shell ({@code $(...)}, {@code ;}, a line break)
 * is caught at load.
 */
final class VolumeSpec {
    static final String EXPECTED = "a volume like storage:/rails/storage or /srv/data:/data:ro (paths of letters,"
            + " digits and . _ - + @ = /)";
    private static final Pattern NAMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._@+=/,-]*");
    private static final Pattern OPTIONS = Pattern.compile("[A-Za-z]+(,[A-Za-z]+)*");

    private VolumeSpec() {
    }

    static boolean valid(final String volume) {
        var parts = volume.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            return false;
        }
        var source = parts[0];
        var target = parts[1];
        boolean sourceOk = NAMED.matcher(source).matches()
                || (source.startsWith("/") || source.startsWith("./")) && PATH.matcher(source).matches();
        boolean targetOk = target.startsWith("/") && PATH.matcher(target).matches();
        return sourceOk && targetOk && (parts.length == 2 || OPTIONS.matcher(parts[2]).matches());
    }
}
