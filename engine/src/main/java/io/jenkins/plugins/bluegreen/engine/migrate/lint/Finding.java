package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One unsafe operation in one migration file.
 *
 * @param file the migration file, as the caller named it
 * @param line the 1-based line where the statement starts
 * @param rule what is unsafe about it
 * @param found the statement, shortened to one line, so the reader recognises it
 */
public record Finding(Path file, int line, Rule rule, String found) {
    private static final int LONGEST_EXCERPT = 100;

    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rule, "rule");
        found = excerpt(Objects.requireNonNull(found, "found"));
    }

    /** {@code file:line: rule-id: found -- why}, the form compilers use so editors can jump to it. */
    public String describe() {
        return file + ":" + line + ": " + rule.id() + ": " + found + " -- " + rule.why();
    }

    private static String excerpt(final String text) {
        var oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= LONGEST_EXCERPT ? oneLine : oneLine.substring(0, LONGEST_EXCERPT - 3) + "...";
    }
}
