package io.jenkins.plugins.bluegreen.engine.window;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.config.ConfigSection;
import io.jenkins.plugins.bluegreen.engine.config.WorkspaceFile;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The window policy of every destination: one default, and per-destination policies that replace it
 * (for example staging {@code unrestricted}). Format: docs/windows.md.
 */
public final class WindowPolicies implements Serializable {
    private static final long serialVersionUID = 1L;

    private final WindowPolicy fallback;
    private final Map<String, WindowPolicy> byDestination;

    /** A default policy and per-destination policies that replace it. */
    public WindowPolicies(final WindowPolicy fallback, final Map<String, WindowPolicy> byDestination) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.byDestination = Map.copyOf(byDestination);
    }

    /** The procedure's policy for every destination. */
    public static WindowPolicies seedDefault() {
        return new WindowPolicies(WindowPolicy.seedDefault(), Map.of());
    }

    /**
     * Reads a policy written as YAML, for the Jenkins global configuration and the command line.
     * The text is either the policy itself or a mapping with a single {@code windows} key holding
     * it; an empty text means the procedure's default. {@code source} names the text in messages.
     */
    public static WindowPolicies parse(final String yamlText, final String source) {
        return WindowConfigReader.parseText(yamlText, source);
    }

    /**
     * Reads the policy subtree of a config file that someone else has parsed, such as
     * {@code x-bluegreen.windows} of config/deploy.yml. {@code source} (the file name) and
     * {@code path} (the subtree's slash path, e.g. {@code x-bluegreen/windows}) locate mistakes in
     * messages. A missing or null node means the procedure's default.
     */
    public static WindowPolicies parse(final JsonNode node, final String source, final String path) {
        return new WindowConfigReader(source).policies(node, path);
    }

    /**
     * The policies of a loaded config/deploy.yml ({@code config.extension().windows()}), its destination
     * already merged in; the procedure's default when the file does not write the section.
     */
    public static WindowPolicies from(final ConfigSection windows) {
        return parse(windows.node(), windows.file(), windows.path());
    }

    /**
     * The repository's own windows: {@code x-bluegreen.windows} of the config a pipeline names in its
     * workspace, for {@code destination}. Empty when the config or the section is absent, since then
     * the administrators' policy alone applies. The path may not lead out of the workspace, and the
     * config's variables are never read for this.
     */
    public static Optional<WindowPolicies> ofRepository(final Path workspace, final String configFile,
                                                        final String destination) {
        var file = WorkspaceFile.resolve(workspace, "configFile", configFile, ConfigLoader.DEFAULT_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        var windows = ConfigLoader.loadInWorkspace(workspace, configFile, Optional.ofNullable(destination), name -> null)
                .config().extension().windows();
        return windows.present() ? Optional.of(from(windows)) : Optional.empty();
    }

    /** The policy for {@code destinationOrNull}; the default for null or a destination not listed. */
    public WindowPolicy forDestination(final String destinationOrNull) {
        return destinationOrNull == null ? fallback : byDestination.getOrDefault(destinationOrNull, fallback);
    }

    /**
     * Every destination held by both: how the admins' floor (this) combines with a repository's
     * policies ({@code repository}), which may hold more but never less.
     */
    public WindowPolicies tightenedBy(final WindowPolicies repository) {
        var destinations = new HashSet<>(byDestination.keySet());
        destinations.addAll(repository.byDestination.keySet());
        var combined = new HashMap<String, WindowPolicy>();
        for (var d : destinations) {
            combined.put(d, forDestination(d).tightenedBy(repository.forDestination(d)));
        }
        return new WindowPolicies(fallback.tightenedBy(repository.fallback), combined);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof WindowPolicies p && fallback.equals(p.fallback) && byDestination.equals(p.byDestination);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fallback, byDestination);
    }

    @Override
    public String toString() {
        return "default: " + fallback + (byDestination.isEmpty() ? "" : "; " + new TreeMap<>(byDestination));
    }
}
