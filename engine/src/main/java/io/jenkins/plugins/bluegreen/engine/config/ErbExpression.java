package io.jenkins.plugins.bluegreen.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Ruby that real Kamal files put in {@code <%= ... %>}, and nothing more: {@code ENV["NAME"]},
 * {@code ENV.fetch("NAME")}, {@code ENV.fetch("NAME", "default")}, string literals, the git
 * version helpers ({@code `git rev-parse --short HEAD`}, also as {@code %x(...)}),
 * {@code File.read(".ruby-version")}, {@code a || b}, and {@code .strip}, {@code .chomp},
 * {@code .to_s} after any of them. Anything else is refused, never run.
 */
final class ErbExpression {
    static final String SUPPORTED = "ENV[\"NAME\"], ENV.fetch(\"NAME\"), ENV.fetch(\"NAME\", \"default\"), string literals,"
            + " `git rev-parse [--short] HEAD`, `git describe [--tags --always --dirty --long --abbrev=N]`,"
            + " File.read(\".ruby-version\") and .strip";
    private static final Set<String> STRING_METHODS = Set.of("strip", "chomp", "to_s", "lstrip", "rstrip");

    /** A part of the expression, evaluated only if needed ({@code a || b} does not look at b when a is set). */
    private interface Value {
        /** The text, or {@code null} for Ruby's nil. */
        String in(ErbScope scope);
    }

    /** Why an ERB tag gives no value, with what to write instead. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(final String message) {
            super(message);
        }
    }

    private final List<String> tokens;
    private int next;

    private ErbExpression(final String code) {
        this.tokens = tokenize(code);
    }

    /**
     * The text {@code code} gives, {@code ""} for nil, as {@code <%= code %>} renders it.
     *
     * @throws Unsupported if it is not in the subset or its value cannot be found (an unset variable for fetch)
     */
    static String render(final String code, final ErbScope scope) {
        var expression = new ErbExpression(code);
        var value = expression.alternatives();
        if (expression.next != expression.tokens.size()) {
            throw expression.unsupported();
        }
        try {
            var text = value.in(scope);
            return text == null ? "" : text;
        }
        catch (IllegalStateException e) {
            throw new Unsupported("cannot be evaluated: " + e.getMessage());
        }
    }

    private Value alternatives() {
        var first = methods();
        if (!accept("||")) {
            return first;
        }
        var rest = alternatives();
        return scope -> {
            var value = first.in(scope);
            return value != null ? value : rest.in(scope);
        };
    }

    private Value methods() {
        var value = primary();
        while (accept(".")) {
            var method = take();
            if (!STRING_METHODS.contains(method)) {
                throw unsupported();
            }
            var target = value;
            value = scope -> apply(method, target.in(scope));
        }
        return value;
    }

    private static String apply(final String method, final String text) {
        if (text == null) {
            if (method.equals("to_s")) {
                return "";
            }
            throw new IllegalStateException("." + method + " was called on nothing (an unset variable); give a default"
                    + " with ENV.fetch(\"NAME\", \"default\")");
        }
        return switch (method) {
            case "strip" -> text.strip();
            case "lstrip" -> text.stripLeading();
            case "rstrip" -> text.stripTrailing();
            case "chomp" -> text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") || text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            default -> text;
        };
    }

    private Value primary() {
        var token = take();
        if (isString(token)) {
            var text = token.substring(1);
            return scope -> text;
        }
        if (token.startsWith("`")) {
            var args = WorkspaceGit.recognize(token.substring(1)).orElseThrow(() -> new Unsupported("runs a command,"
                    + " and the only commands run are the git version helpers; for a value from the deploying machine use an"
                    + " environment reference such as $HOSTNAME or ENV[\"NAME\"]"));
            return scope -> scope.git().answer(args);
        }
        if (token.equals("ENV") && accept("[")) {
            var name = string();
            expect("]");
            return scope -> scope.variable(name);
        }
        if (token.equals("ENV") && accept(".") && accept("fetch") && accept("(")) {
            var name = string();
            var fallback = accept(",") ? string() : null;
            expect(")");
            return scope -> {
                var value = scope.variable(name);
                if (value == null && fallback == null) {
                    throw new IllegalStateException("ENV.fetch(\"" + name + "\") needs " + name + ", which is not set here"
                            + " (Kamal stops on it too); set it, or give a default: ENV.fetch(\"" + name + "\", \"default\")");
                }
                return value == null ? fallback : value;
            };
        }
        if (token.equals("File") && accept(".") && accept("read") && accept("(")) {
            var path = string();
            expect(")");
            return scope -> scope.read(path);
        }
        throw unsupported();
    }

    private String string() {
        var token = take();
        if (!isString(token)) {
            throw unsupported();
        }
        return token.substring(1);
    }

    private static boolean isString(final String token) {
        return token.startsWith("\"");
    }

    private boolean accept(final String token) {
        if (next < tokens.size() && tokens.get(next).equals(token)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(final String token) {
        if (!accept(token)) {
            throw unsupported();
        }
    }

    private String take() {
        if (next >= tokens.size()) {
            throw unsupported();
        }
        return tokens.get(next++);
    }

    private Unsupported unsupported() {
        return new Unsupported("is Ruby that is not evaluated here; supported are " + SUPPORTED);
    }

    /**
     * Splits {@code code} into words, punctuation, strings (kept as {@code "} and their text) and
     * commands (kept as {@code `} and their text).
     */
    private List<String> tokenize(final String code) {
        var out = new ArrayList<String>();
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            }
            else if (c == '"' || c == '\'' || c == '`') {
                int end = code.indexOf(c, i + 1);
                var body = end < 0 ? null : code.substring(i + 1, end);
                if (body == null || body.contains("\\") || c != '\'' && body.contains("#{")) {
                    // Escapes and interpolation would need Ruby's string rules; no real file needs them here.
                    throw unsupported();
                }
                out.add((c == '`' ? "`" : "\"") + body);
                i = end + 1;
            }
            else if (code.startsWith("%x(", i)) {
                int end = code.indexOf(')', i);
                if (end < 0) {
                    throw unsupported();
                }
                out.add("`" + code.substring(i + 3, end));
                i = end + 1;
            }
            else if (code.startsWith("||", i)) {
                out.add("||");
                i += 2;
            }
            else if ("[]().,".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            }
            else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < code.length() && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_')) {
                    i++;
                }
                out.add(code.substring(start, i));
            }
            else {
                throw unsupported();
            }
        }
        return out;
    }
}
