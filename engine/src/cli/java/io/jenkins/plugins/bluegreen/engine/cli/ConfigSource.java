package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * Which deploy config a command reads: {@code -f/--file} and {@code -d/--destination}, spelled
 * and loaded the same way by every command that reads one (a picocli mixin).
 */
public final class ConfigSource {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = ConfigLoader.DEFAULT_FILE,
            description = "The config file (default: ${DEFAULT-VALUE}).")
    private Path file;

    @Option(names = {"-d", "--destination"}, paramLabel = "DEST",
            description = "The Kamal destination: merge config/deploy.DEST.yml and the inline DEST: block over the base.")
    private String destination;

    Path file() {
        return file;
    }

    Optional<String> destination() {
        return Optional.ofNullable(destination);
    }

    /** Loads the config, printing its warnings; throws for a config that is not valid. */
    LoadedConfig load(final PrintWriter err) {
        var loaded = ConfigLoader.load(file, destination());
        loaded.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
        return loaded;
    }
}
