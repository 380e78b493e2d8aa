package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.command.ShellQuote;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A user's shell command with {@code {color}}-style placeholders. The text around the placeholders
 * is the user's shell code and runs as written; every value put in is shell-quoted, so a version
 * or host name can never become shell code.
 */
public final class ScriptTemplate {
    /** {@code {name}} but not a shell {@code ${name}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\$)\\{([a-z_]+)}");

    private final String key;
    private final String text;

    /**
     * @param key the config key the text comes from, named in errors
     * @param allowed the placeholders this command may use
     */
    public ScriptTemplate(final String key, final String text, final Set<String> allowed) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(key + ": expected a shell command, got an empty value");
        }
        var m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                throw new InvalidInputException(key + ": unknown placeholder {" + m.group(1) + "}, expected one of "
                        + String.join(", ", new TreeSet<>(allowed).stream().map(p -> "{" + p + "}").toList()));
            }
        }
        this.key = key;
        this.text = text.strip();
    }

    /** The command with every placeholder replaced by its quoted value, run by {@code sh -c}. */
    public Command command(final Map<String, String> values) {
        var m = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            var value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(key + ": no value for {" + m.group(1) + "}");
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(ShellQuote.quote(value)));
        }
        m.appendTail(out);
        return Command.of("sh", "-c", out.toString());
    }

    public String key() {
        return key;
    }
}
