package io.jenkins.plugins.bluegreen.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code --name [value]} flag of the container run command, from a role's {@code options}.
 * Read as Kamal reads them: {@code cap-add: true} is a bare flag, a list repeats the flag once per
 * item ({@code add-host: [a:1.2.3.4, b:1.2.3.5]}), and a map repeats it once per entry as
 * {@code key=value} ({@code sysctl: {net.core.somaxconn: 1024}}).
 */
public record RunOption(String name, Optional<String> value) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** The deploy names, detaches and keeps each color's container itself; these would fight it. */
    private static final Set<String> SET_BY_DEPLOY = Set.of("name", "detach", "rm");
    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:\\d+)?");

    public RunOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static RunOption of(final String name, final String value) {
        return new RunOption(name, Optional.of(value));
    }

    public static RunOption flag(final String name) {
        return new RunOption(name, Optional.empty());
    }

    /** The flags of {@code options}, in file order; every mistake is reported on its setting. */
    static List<RunOption> allFrom(final ConfigNode options) {
        var flags = new ArrayList<RunOption>();
        options.entries("a map of container options like {cpus: 2, memory: 512MB}").forEach((name, node) -> {
            if (!NAME.matcher(name).matches()) {
                node.error("expected an option name of lower-case letters, digits and '-', like cap-add, got "
                        + ConfigNode.quote(name));
            }
            else if (SET_BY_DEPLOY.contains(name)) {
                node.error("expected an option the deploy does not set itself (name, detach, rm), got '" + name + "'");
            }
            else if (node.isList()) {
                node.items("a list of values").forEach(item -> value(item).ifPresent(v -> flags.add(new RunOption(name, v))));
            }
            else if (node.isMap()) {
                node.entries("a map of values").forEach((key, item) -> value(item)
                        .ifPresent(v -> flags.add(of(name, v.map(text -> key + "=" + text).orElse(key)))));
            }
            else {
                value(node).ifPresent(v -> flags.add(new RunOption(name, v)));
            }
        });
        flags.stream().filter(f -> f.name().equals("restart")).forEach(f -> {
            if (!RESTART.matcher(f.value().orElse("")).matches()) {
                options.at("restart").expected("no, always, unless-stopped, on-failure or on-failure:N");
            }
        });
        return List.copyOf(flags);
    }

    /** Empty for a bare flag ({@code true}); absent, with an error, for what cannot be a flag's value. */
    private static Optional<Optional<String>> value(final ConfigNode node) {
        var json = node.json();
        if (json.isBoolean() && json.asBoolean()) {
            return Optional.of(Optional.empty());
        }
        if (!json.isValueNode() || json.isNull() || json.asText().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            node.expected("a value on one line, true for a bare flag, a list or a map");
            return Optional.empty();
        }
        return Optional.of(Optional.of(json.asText()));
    }

    /** The run command's arguments: {@code --name} and the value, if any. */
    public List<String> arguments() {
        return value.map(v -> List.of("--" + name, v)).orElse(List.of("--" + name));
    }
}
