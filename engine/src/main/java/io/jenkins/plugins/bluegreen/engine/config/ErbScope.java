package io.jenkins.plugins.bluegreen.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What ERB in a config file may read: the environment of the deploying machine (with
 * {@code KAMAL_DESTINATION} set to the destination, as Kamal sets it), the project's git revision,
 * and small files inside the project, such as {@code .ruby-version}.
 *
 * @param projectDir the directory Kamal runs in: the one above {@code config/}
 */
record ErbScope(Function<String, String> env, Optional<String> destination, Path projectDir, WorkspaceGit git) {
    private static final long MAX_FILE_BYTES = 64 * 1024;

    /** The scope of {@code file} ({@code <project>/config/deploy.yml}). */
    static ErbScope of(final Path file, final Optional<String> destination, final Function<String, String> env) {
        var dir = file.toAbsolutePath().getParent();
        var project = dir.getFileName() != null && dir.getFileName().toString().equals("config") ? dir.getParent() : dir;
        return new ErbScope(env, destination, project, new WorkspaceGit(project));
    }

    /** {@code ENV[name]}: {@code null} when unset, as Ruby's nil. */
    String variable(final String name) {
        return name.equals("KAMAL_DESTINATION") ? destination.orElse(null) : env.apply(name);
    }

    /**
     * {@code File.read(relative)}, for files of the project only: an absolute path, a path leaving the
     * project (also through a symbolic link) or a big file is refused.
     *
     * @throws IllegalStateException saying why the file cannot be read
     */
    String read(final String relative) {
        var path = Path.of(relative);
        if (path.isAbsolute() || relative.isBlank()) {
            throw new IllegalStateException("File.read takes a path inside the project, relative to " + projectDir
                    + ", got '" + relative + "'");
        }
        try {
            var root = projectDir.toRealPath();
            var real = root.resolve(path).toRealPath();
            if (!real.startsWith(root)) {
                throw new IllegalStateException("File.read('" + relative + "') leaves the project directory " + projectDir);
            }
            if (!Files.isRegularFile(real) || Files.size(real) > MAX_FILE_BYTES) {
                throw new IllegalStateException("File.read('" + relative + "') expected a file of at most 64 KB");
            }
            return Files.readString(real, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new IllegalStateException("File.read('" + relative + "'): no such file in " + projectDir, e);
        }
    }
}
