package io.jenkins.plugins.bluegreen.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML file as a Jackson tree plus the line and column of every setting. SnakeYAML's node
 * graph is used instead of Jackson's streaming parser because it resolves anchors, aliases and
 * {@code <<} merge keys, which Kamal files use to share role settings.
 */
record YamlTree(JsonNode root, SourceMap sources) {
    /** Real deploy files are a few kilobytes; a bigger one is generated or pasted by mistake. */
    static final long MAX_BYTES = 1024 * 1024;
    /** Files share role settings through a handful of aliases; hundreds mean a generated file or an alias bomb. */
    static final int MAX_ALIASES = 100;
    /** Settings after aliases are expanded: a few aliases nested in each other can multiply into millions. */
    static final int MAX_VALUES = 50_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * Reads {@code file}, shown to the user as {@code name}, rendering its ERB in {@code erb};
     * problems go to {@code problems}.
     */
    static Optional<YamlTree> read(final Path file, final String name, final ErbScope erb, final Problems problems) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.error(name + ": expected a deploy config of at most 1 MB, got a file of "
                        + String.format(Locale.ROOT, "%.1f", size / (1024.0 * 1024.0)) + " MB");
                return Optional.empty();
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            problems.error(name + ": file not found");
            return Optional.empty();
        }
        catch (IOException e) {
            problems.error(name + ": cannot read the file (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
        return ErbTemplate.render(text, name, erb, problems, DeployConfig.KAMAL_ONLY)
                .flatMap(yaml -> parse(yaml, name, problems));
    }

    private static Optional<YamlTree> parse(final String text, final String name, final Problems problems) {
        Node node;
        var options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        try {
            node = new Yaml(options).compose(new StringReader(text));
        }
        catch (MarkedYAMLException e) {
            // Only the problem and its mark: SnakeYAML's full message quotes the line, which may hold a secret.
            var mark = e.getProblemMark();
            problems.error(name + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1)
                    + ": not valid YAML: " + e.getProblem());
            return Optional.empty();
        }
        catch (YAMLException e) {
            // SnakeYAML gives no mark for its alias limit; its message is the only way to tell it apart.
            var tooManyAliases = String.valueOf(e.getMessage()).startsWith("Number of aliases");
            problems.error(name + ": not valid YAML" + (tooManyAliases ? ": too many aliases (expected at most "
                    + MAX_ALIASES + " aliases of lists and maps)" : ""));
            return Optional.empty();
        }
        var sources = new SourceMap(name);
        var converter = new Converter(name, sources, problems);
        var root = node == null ? JSON.objectNode() : converter.convert(node, "");
        if (converter.tooBig()) {
            problems.error(name + ": not valid YAML: too many aliases (expected at most " + MAX_VALUES
                    + " settings once aliases are expanded, got more)");
            return Optional.empty();
        }
        return Optional.of(new YamlTree(root, sources));
    }

    private static final class Converter {
        private final String file;
        private final SourceMap sources;
        private final Problems problems;
        private final Set<Node> visiting = Collections.newSetFromMap(new IdentityHashMap<>());
        private int values;

        Converter(final String file, final SourceMap sources, final Problems problems) {
            this.file = file;
            this.sources = sources;
            this.problems = problems;
        }

        boolean tooBig() {
            return values > MAX_VALUES;
        }

        JsonNode convert(final Node node, final String path) {
            if (++values > MAX_VALUES) {
                return NullNode.getInstance();
            }
            if (!visiting.add(node)) {
                problems.error(at(node.getStartMark()) + ": " + display(path) + "an alias refers to itself");
                return NullNode.getInstance();
            }
            try {
                if (node instanceof MappingNode mapping) {
                    return mapping(mapping, path);
                }
                if (node instanceof SequenceNode sequence) {
                    var array = JSON.arrayNode();
                    var items = sequence.getValue();
                    for (int i = 0; i < items.size(); i++) {
                        var itemPath = SourceMap.child(path, String.valueOf(i));
                        record(itemPath, items.get(i).getStartMark());
                        array.add(convert(items.get(i), itemPath));
                    }
                    return array;
                }
                return scalar((ScalarNode) node);
            }
            finally {
                visiting.remove(node);
            }
        }

        private ObjectNode mapping(final MappingNode mapping, final String path) {
            var explicit = new LinkedHashMap<String, NodeTuple>();
            var merged = new LinkedHashMap<String, NodeTuple>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    problems.error(at(tuple.getKeyNode().getStartMark()) + ": " + display(path)
                            + "expected a plain key name, got a " + (tuple.getKeyNode() instanceof SequenceNode ? "list" : "map"));
                }
                else if (Tag.MERGE.equals(key.getTag())) {
                    mergeSources(tuple.getValueNode(), path).forEach(source ->
                            source.getValue().forEach(t -> merged.putIfAbsent(((ScalarNode) t.getKeyNode()).getValue(), t)));
                }
                else if (explicit.putIfAbsent(key.getValue(), tuple) != null) {
                    problems.error(at(key.getStartMark()) + ": " + display(path) + "duplicate key '" + key.getValue() + "'");
                }
            }
            merged.putAll(explicit);
            var object = JSON.objectNode();
            merged.forEach((key, tuple) -> {
                var keyPath = SourceMap.child(path, key);
                record(keyPath, tuple.getKeyNode().getStartMark());
                object.set(key, convert(tuple.getValueNode(), keyPath));
            });
            return object;
        }

        private List<MappingNode> mergeSources(final Node value, final String path) {
            var sourcesToMerge = new ArrayList<MappingNode>();
            if (value instanceof MappingNode single) {
                sourcesToMerge.add(single);
            }
            else if (value instanceof SequenceNode many && many.getValue().stream().allMatch(MappingNode.class::isInstance)) {
                many.getValue().forEach(n -> sourcesToMerge.add((MappingNode) n));
            }
            else {
                problems.error(at(value.getStartMark()) + ": " + display(path) + "'<<' expected an alias of a map, got something else");
            }
            return sourcesToMerge;
        }

        private JsonNode scalar(final ScalarNode scalar) {
            var text = scalar.getValue();
            var tag = scalar.getTag();
            if (Tag.NULL.equals(tag)) {
                return NullNode.getInstance();
            }
            if (Tag.BOOL.equals(tag)) {
                var lower = text.toLowerCase(Locale.ROOT);
                return JSON.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on"));
            }
            try {
                if (Tag.INT.equals(tag)) {
                    return JSON.numberNode(Long.parseLong(text.replace("_", "")));
                }
                // A float as Kamal's YAML reads one: with a dot. SnakeYAML also takes 71799e2 for one,
                // which is how a short git revision from ERB became 7179900.0.
                if (Tag.FLOAT.equals(tag) && text.contains(".")) {
                    return JSON.numberNode(Double.parseDouble(text.replace("_", "")));
                }
            }
            catch (NumberFormatException e) {
                // Octal, hex and sexagesimal YAML 1.1 numbers: kept as the text the user wrote.
            }
            return JSON.textNode(text);
        }

        private void record(final String path, final Mark mark) {
            sources.put(path, file, mark.getLine() + 1, mark.getColumn() + 1);
        }

        private String at(final Mark mark) {
            return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
        }

        private static String display(final String path) {
            return path.isEmpty() ? "" : path + ": ";
        }
    }
}
