package io.jenkins.plugins.bluegreen.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.window.WindowPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the {@code x-bluegreen.windows} section of a deploy file for the {@code window} command.
 * A stop-gap until the config loader reads the whole file: it looks at this one section only, and a
 * destination file ({@code deploy.staging.yml} next to {@code deploy.yml}) that has the section
 * replaces it as a whole.
 */
final class DeployFileWindows {
    private static final String PATH = "x-bluegreen/windows";

    private DeployFileWindows() {
    }

    static WindowPolicies read(final Path file, final String destination) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--file: found no file at " + file + ", expected a config/deploy.yml");
        }
        var section = section(file);
        var source = file.toString();
        if (destination != null) {
            var name = file.getFileName().toString();
            var base = name.endsWith(".yml") ? name.substring(0, name.length() - 4) : name;
            var destinationFile = file.resolveSibling(base + "." + destination + ".yml");
            if (Files.isRegularFile(destinationFile)) {
                var override = section(destinationFile);
                if (!override.isMissingNode()) {
                    section = override;
                    source = destinationFile.toString();
                }
            }
        }
        return WindowPolicies.parse(section, source, PATH);
    }

    private static JsonNode section(final Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        }
        catch (JsonProcessingException e) {
            var line = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new InvalidInputException(file + line + ": found text that is not YAML (" + e.getOriginalMessage()
                    + "), expected a deploy configuration");
        }
        catch (IOException e) {
            throw new InvalidInputException("--file: could not read " + file + " (" + e.getMessage() + ")");
        }
        return root == null ? MissingNode.getInstance()
                : root.path("x-bluegreen").path("windows");
    }
}
