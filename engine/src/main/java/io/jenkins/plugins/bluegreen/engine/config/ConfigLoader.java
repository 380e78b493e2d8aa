package io.jenkins.plugins.bluegreen.engine.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads {@code config/deploy.yml} the way Kamal reads it: ERB rendered (the safe subset
 * {@link ErbTemplate} evaluates), YAML with anchors and aliases, the chosen destination merged over
 * it, then every section validated. All mistakes are reported together in
 * one {@link ConfigException}; Kamal settings we do not act on come back as one warning.
 */
public final class ConfigLoader {
    public static final String DEFAULT_FILE = "config/deploy.yml";

    private ConfigLoader() {
    }

    /**
     * Loads {@code file} for {@code destination}; references to {@code env} are kept as references
     * and only looked up through the returned {@link LoadedConfig}.
     *
     * @throws ConfigException listing every problem found
     */
    public static LoadedConfig load(final Path file, final Optional<String> destination, final Function<String, String> env) {
        var name = file.toString();
        var problems = new Problems();
        var erb = ErbScope.of(file, destination, env);
        var base = YamlTree.read(file, name, erb, problems);
        problems.throwIfErrors();
        var tree = base.orElseThrow();
        if (!tree.root().isObject()) {
            problems.error(name + ": expected a map of settings (service, image, servers, ...), got "
                    + ConfigNode.shape(tree.root()));
            problems.throwIfErrors();
        }
        var root = (ObjectNode) tree.root();
        var sources = tree.sources();
        var inline = Destinations.inlineBlocks(root);

        destination.ifPresentOrElse(
                dest -> applyDestination(file, dest, root, sources, inline, erb, problems),
                () -> requireNoDestination(file, root, sources, problems));
        problems.throwIfErrors();
        inline.forEach(root::remove);

        var config = DeployConfig.from(new ConfigNode(root, "", sources, problems), destination);
        problems.throwIfErrors();
        var warnings = new ArrayList<>(problems.warnings(name));
        var unset = config.references().stream().filter(ref -> env.apply(ref.name()) == null).map(SecretRef::name).toList();
        if (!unset.isEmpty()) {
            warnings.add(name + ": environment variables the deploy will need are not set here: " + String.join(", ", unset));
        }
        return new LoadedConfig(config, warnings, env);
    }

    /**
     * Loads the config a pipeline names, inside its workspace: neither the file nor its destination's
     * overlay may lead out of it (see {@link WorkspaceFile}).
     */
    public static LoadedConfig loadInWorkspace(final Path workspace, final String configFile,
            final Optional<String> destination, final Function<String, String> env) {
        var file = WorkspaceFile.resolve(workspace, "configFile", configFile, DEFAULT_FILE);
        destination.ifPresent(dest -> WorkspaceFile.confine(workspace, Destinations.overlayFile(file, dest),
                "destination", dest));
        return load(file, destination, env);
    }

    /** The destinations {@code file} offers: its inline blocks and the {@code deploy.<dest>.yml} files next to it. */
    public static List<String> destinations(final Path file) {
        return YamlTree.read(file, file.toString(), ErbScope.of(file, Optional.empty(), System::getenv), new Problems())
                .map(tree -> Destinations.known(file, tree.root()))
                .orElse(List.of());
    }

    /** Loads with the environment of this process. */
    public static LoadedConfig load(final Path file, final Optional<String> destination) {
        return load(file, destination, System::getenv);
    }

    private static void applyDestination(final Path file, final String destination, final ObjectNode root,
            final SourceMap sources, final List<String> inline, final ErbScope erb, final Problems problems) {
        if (!destination.matches("[A-Za-z0-9_-]+")) {
            problems.error("destination: expected a name of letters, digits, - and _, got '" + destination + "'");
            return;
        }
        var overlayPath = Destinations.overlayFile(file, destination);
        boolean hasInline = inline.contains(destination);
        boolean hasFile = Files.exists(overlayPath);
        if (!hasInline && !hasFile) {
            problems.error("destination: expected " + overlayPath + " or a '" + destination + ":' block in " + file
                    + ", found neither" + knownDestinations(file, root));
            return;
        }
        if (hasInline) {
            var block = root.get(destination);
            Destinations.merge(root, sources, block, sources.under(destination), "");
        }
        if (hasFile) {
            YamlTree.read(overlayPath, overlayPath.toString(), erb, problems).ifPresent(overlay -> {
                if (overlay.root().isObject()) {
                    Destinations.merge(root, sources, overlay.root(), overlay.sources(), "");
                }
                else {
                    problems.error(overlayPath + ": expected a map of settings to merge over " + file + ", got "
                            + ConfigNode.shape(overlay.root()));
                }
            });
        }
    }

    private static void requireNoDestination(final Path file, final ObjectNode root, final SourceMap sources,
            final Problems problems) {
        var require = new ConfigNode(root, "", sources, problems).at("require_destination");
        if (require.bool(false)) {
            require.error("expected a destination to be given (this file requires one), got none"
                    + knownDestinations(file, root));
        }
    }

    private static String knownDestinations(final Path file, final ObjectNode root) {
        var known = Destinations.known(file, root);
        return known.isEmpty() ? "" : " (destinations: " + String.join(", ", known) + ")";
    }
}
