package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A migration method call read from a statement's code: {@code add_index :users, :email,
 * algorithm: :concurrently} gives method {@code add_index}, arguments {@code [:users, :email]} and
 * options {@code {algorithm=:concurrently}}. Hash rockets ({@code :null => false}) read as options too.
 */
record RubyCall(String method, List<String> arguments, Map<String, String> options) {
    private static final Pattern CALL = Pattern.compile("^([\\w.]+[!?]?)\\s*(.*)$");
    private static final Pattern TRAILING_BLOCK = Pattern.compile("\\s*(?:\\bdo\\s*(?:\\|[^|]*\\|)?|\\{\\s*\\|[^|]*\\|.*\\})$");
    private static final Pattern ROCKET_OPTION = Pattern.compile("^:(\\w+)\\s*=>\\s*(.*)$");
    private static final Pattern OPTION = Pattern.compile("^(\\w+):(?!:)\\s*(.*)$");

    static RubyCall parse(final String code) {
        var m = CALL.matcher(TRAILING_BLOCK.matcher(code).replaceFirst(""));
        if (!m.matches()) {
            return new RubyCall("", List.of(), Map.of());
        }
        var rest = m.group(2).strip();
        if (rest.startsWith("(") && rest.endsWith(")")) {
            rest = rest.substring(1, rest.length() - 1);
        }
        var arguments = new ArrayList<String>();
        var options = new LinkedHashMap<String, String>();
        for (String part : splitTopLevel(rest)) {
            var rocket = ROCKET_OPTION.matcher(part);
            var option = OPTION.matcher(part);
            if (rocket.matches()) {
                options.put(rocket.group(1), rocket.group(2).strip());
            }
            else if (option.matches()) {
                options.put(option.group(1), option.group(2).strip());
            }
            else if (!part.isEmpty()) {
                arguments.add(part);
            }
        }
        return new RubyCall(m.group(1), List.copyOf(arguments), Map.copyOf(options));
    }

    /** The same call made on {@code table} by its table-level name: {@code t.remove :x} in a change_table. */
    RubyCall on(final String table, final String tableMethod) {
        var withTable = new ArrayList<String>();
        withTable.add(table);
        withTable.addAll(arguments);
        return new RubyCall(tableMethod, List.copyOf(withTable), options);
    }

    /** This add_column call with {@code type} as its type argument, after the column name. */
    RubyCall withType(final String type) {
        var typed = new ArrayList<String>(arguments.subList(0, Math.min(2, arguments.size())));
        typed.add(type);
        return new RubyCall(method, List.copyOf(typed), options);
    }

    String argument(final int index) {
        return index < arguments.size() ? arguments.get(index) : null;
    }

    String option(final String name) {
        return options.get(name);
    }

    boolean optionIs(final String name, final String value) {
        return value.equals(options.get(name));
    }

    private static List<String> splitTopLevel(final String text) {
        var parts = new ArrayList<String>();
        var depth = 0;
        var current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("([{".indexOf(c) >= 0) {
                depth++;
            }
            else if (")]}".indexOf(c) >= 0) {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(current.toString().strip());
                current.setLength(0);
            }
            else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        return parts;
    }
}
