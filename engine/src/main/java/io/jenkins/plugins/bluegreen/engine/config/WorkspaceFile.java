package io.jenkins.plugins.bluegreen.engine.config;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file a pipeline names ({@code configFile}) inside the workspace it runs in. The name is the
 * pipeline author's, the files are the repository's: neither may reach outside the workspace,
 * whether by an absolute path, by {@code ..}, or by a symbolic link committed to the repository.
 */
public final class WorkspaceFile {
    private WorkspaceFile() {
    }

    /** The path as written, made relative-with-slashes, refused when it names a place outside by its text alone. */
    public static String relative(final String parameter, final String value, final String example) {
        var path = value.strip().replace('\\', '/');
        if (path.startsWith("/") || path.matches("[A-Za-z]:/.*")) {
            throw new InvalidInputException(parameter + ": expected a path inside the workspace such as " + example
                    + ", got the absolute path '" + value + "'");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidInputException(parameter + ": expected a path inside the workspace such as " + example
                        + ", got '" + value + "' which climbs out of it with '..'");
            }
        }
        return path;
    }

    /**
     * {@code value} resolved in {@code workspace}, refused when it or a directory on its way is a link
     * that leads out. A file that does not exist yet is judged by the nearest directory that does.
     */
    public static Path resolve(final Path workspace, final String parameter, final String value, final String example) {
        var file = workspace.resolve(relative(parameter, value, example));
        confine(workspace, file, parameter, value);
        return file;
    }

    /** Refuses {@code file} (already inside {@code workspace} by its text) when links lead it out. */
    static void confine(final Path workspace, final Path file, final String parameter, final String value) {
        try {
            var root = workspace.toRealPath();
            var existing = file;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !existing.toRealPath().startsWith(root)) {
                throw new InvalidInputException(parameter + ": expected a file inside the workspace, got '" + value
                        + "', which a symbolic link leads out of it");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + parameter + " '" + value + "' in the workspace", e);
        }
    }
}
