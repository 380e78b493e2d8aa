package io.jenkins.plugins.bluegreen.engine.config;

import java.util.Optional;
import java.util.Set;

/**
 * A config file's text with its ERB tags rendered, as Kamal renders the file before reading the
 * YAML (with its {@code -} trim mode). Only {@link ErbExpression}'s subset is evaluated; any other
 * tag is an error naming its line and what to write instead, except in a section blue-green
 * deploys do not use ({@code builder}, {@code accessories}, ...), where it is left out with a
 * warning. Tags in YAML comments are left alone: they cannot change a setting.
 */
final class ErbTemplate {
    private static final int SHOWN_TAG_LENGTH = 80;

    private final String text;
    private final String name;
    private final ErbScope scope;
    private final Problems problems;
    private final Set<String> unusedSections;
    private final StringBuilder out = new StringBuilder();
    private boolean failed;

    private ErbTemplate(final String text, final String name, final ErbScope scope, final Problems problems,
            final Set<String> unusedSections) {
        this.text = text;
        this.name = name;
        this.scope = scope;
        this.problems = problems;
        this.unusedSections = unusedSections;
    }

    /**
     * The rendered text of file {@code name}; empty, with the errors in {@code problems}, if a tag in a
     * section we use cannot be evaluated.
     *
     * @param unusedSections top-level keys whose settings blue-green deploys ignore
     */
    static Optional<String> render(final String text, final String name, final ErbScope scope, final Problems problems,
            final Set<String> unusedSections) {
        if (!text.contains("<%")) {
            return Optional.of(text);
        }
        var template = new ErbTemplate(text, name, scope, problems, unusedSections);
        template.renderAll();
        return template.failed ? Optional.empty() : Optional.of(template.out.toString());
    }

    private void renderAll() {
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("<%", i);
            if (open < 0) {
                out.append(text, i, text.length());
                return;
            }
            out.append(text, i, open);
            if (text.startsWith("<%%", open)) {
                out.append("<%");
                i = open + 3;
                continue;
            }
            int close = text.indexOf("%>", open + 2);
            if (close < 0) {
                error(open, "an ERB tag opened with <% is not closed with %>");
                return;
            }
            i = inComment(open) ? copy(open, close) : tag(open, close);
        }
    }

    private int copy(final int open, final int close) {
        out.append(text, open, close + 2);
        return close + 2;
    }

    /** Renders the tag from {@code open} to {@code close}; returns where the text goes on. */
    private int tag(final int open, final int close) {
        var inner = text.substring(open + 2, close);
        boolean trimBefore = inner.startsWith("-");
        boolean trimAfter = inner.endsWith("-");
        var body = inner.substring(trimBefore ? 1 : 0, Math.max(trimBefore ? 1 : 0, inner.length() - (trimAfter ? 1 : 0)));
        int end = close + 2;
        String rendered;
        try {
            if (body.startsWith("#") || body.isBlank() || body.strip().startsWith("#") && !body.contains("\n")) {
                // An ERB comment, or code that is only a Ruby comment: nothing to run, nothing rendered.
                rendered = "";
            }
            else if (body.startsWith("=")) {
                rendered = ErbExpression.render(body.substring(1), scope);
            }
            else {
                throw new ErbExpression.Unsupported("is Ruby code, which is not run; put values that differ per"
                        + " environment in config/deploy.<destination>.yml, and use ENV[\"NAME\"] for values from the"
                        + " deploying machine");
            }
        }
        catch (ErbExpression.Unsupported e) {
            skip(open, close, e.getMessage());
            // The line breaks the tag spanned stay, so every later setting keeps its line number.
            out.append("\n".repeat((int) text.substring(open, end).chars().filter(c -> c == '\n').count()));
            return end;
        }
        if (trimBefore) {
            trimIndentation();
        }
        out.append(rendered);
        return trimAfter && text.startsWith("\n", end) ? end + 1 : end;
    }

    private void skip(final int open, final int close, final String reason) {
        var section = section(open);
        if (section.isPresent() && unusedSections.contains(section.get())) {
            problems.warning(name + ":" + line(open) + ": " + section.get() + ": ERB " + shown(open, close) + " " + reason
                    + "; left out, since blue-green deploys do not use " + section.get());
        }
        else {
            error(open, "ERB " + shown(open, close) + " " + reason);
        }
    }

    private void error(final int at, final String message) {
        problems.error(name + ":" + line(at) + ": " + message);
        failed = true;
    }

    /** {@code <%- ...}: the spaces before the tag on its line go, if nothing else precedes it. */
    private void trimIndentation() {
        int start = out.length();
        while (start > 0 && (out.charAt(start - 1) == ' ' || out.charAt(start - 1) == '\t')) {
            start--;
        }
        if (start == 0 || out.charAt(start - 1) == '\n') {
            out.setLength(start);
        }
    }

    /** The tag as written, shortened so an error stays one readable line. */
    private String shown(final int open, final int close) {
        var tag = text.substring(open, close + 2);
        var shown = tag.length() > SHOWN_TAG_LENGTH ? tag.substring(0, SHOWN_TAG_LENGTH - 5) + "... %>" : tag;
        return ConfigNode.quote(shown);
    }

    private boolean inComment(final int at) {
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        return text.substring(lineStart, at).strip().startsWith("#");
    }

    private int line(final int at) {
        return 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    }

    /**
     * The top-level key the text at {@code at} belongs to: the nearest line above, or its own, that
     * starts in the first column with a key. Lines starting with ERB do not count.
     */
    private Optional<String> section(final int at) {
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        if (lineStart == at) {
            // A tag in the first column stands for whole settings (a loop, an if): whose, nobody can tell.
            return Optional.empty();
        }
        for (int start = lineStart; start >= 0; start = start == 0 ? -1 : text.lastIndexOf('\n', start - 2) + 1) {
            int end = text.indexOf('\n', start);
            var line = text.substring(start, end < 0 ? text.length() : end);
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || line.startsWith("#") || line.startsWith("<%")
                    || line.startsWith("---")) {
                continue;
            }
            int colon = line.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(line.substring(0, colon).strip().replaceAll("^[\"']|[\"']$", ""));
        }
        return Optional.empty();
    }
}
