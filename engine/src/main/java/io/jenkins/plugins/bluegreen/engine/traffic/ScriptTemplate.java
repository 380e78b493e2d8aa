package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.command.ShellQuote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A user's shell command with {@code {color}}-style placeholders. The text around the placeholders
 * is the user's shell code and runs as written; every value put in is shell-quoted, so a version
 * or host name can never become shell code.
 *
 * <p>Quoting a value only protects it where the shell is outside quotes: inside {@code '...'} the
 * quoted value would close the user's quote, inside {@code "..."} a {@code $(...)} in it would run.
 * So a placeholder inside quotes is refused, and any other {@code {word}} inside quotes (an awk
 * program, a curl {@code -w '%{http_code}'}) is the user's text, left alone.
 */
public final class ScriptTemplate {
    private static final Pattern NAME = Pattern.compile("\\{([a-z_]+)}");

    /** Where a placeholder sits in the text. */
    private record Slot(int start, int end, String name) {
    }

    private final String key;
    private final String text;
    private final List<Slot> slots;

    /**
     * @param key the config key the text comes from, named in errors
     * @param allowed the placeholders this command may use
     */
    public ScriptTemplate(final String key, final String text, final Set<String> allowed) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(key + ": expected a shell command, got an empty value");
        }
        this.key = key;
        this.text = text.strip();
        this.slots = slots(allowed);
    }

    private List<Slot> slots(final Set<String> allowed) {
        var found = new ArrayList<Slot>();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                quote = c == '\'' ? 0 : quote;
            }
            else if (c == '\\') {
                i++;
            }
            else if (c == '\'' && quote == 0 || c == '"') {
                quote = quote == c ? 0 : quote == 0 ? c : quote;
            }
            if (c != '{' || i > 0 && text.charAt(i - 1) == '$') {
                continue;
            }
            var m = NAME.matcher(text).region(i, text.length());
            if (!m.lookingAt()) {
                continue;
            }
            var name = m.group(1);
            if (quote == 0 && !allowed.contains(name)) {
                throw new InvalidInputException(key + ": unknown placeholder {" + name + "}, expected one of "
                        + String.join(", ", new TreeSet<>(allowed).stream().map(p -> "{" + p + "}").toList()));
            }
            if (quote != 0 && allowed.contains(name)) {
                throw new InvalidInputException(key + ": placeholder {" + name + "} inside " + quote + "quotes" + quote
                        + ", expected it outside quotes (its value is quoted for the shell already)");
            }
            if (quote == 0) {
                found.add(new Slot(i, m.end(), name));
            }
        }
        return List.copyOf(found);
    }

    /** The command with every placeholder replaced by its quoted value, run by {@code sh -c}. */
    public Command command(final Map<String, String> values) {
        var out = new StringBuilder();
        int from = 0;
        for (Slot slot : slots) {
            var value = values.get(slot.name());
            if (value == null) {
                throw new IllegalStateException(key + ": no value for {" + slot.name() + "}");
            }
            out.append(text, from, slot.start()).append(ShellQuote.quote(value));
            from = slot.end();
        }
        out.append(text, from, text.length());
        return Command.of("sh", "-c", out.toString());
    }

    public String key() {
        return key;
    }
}
