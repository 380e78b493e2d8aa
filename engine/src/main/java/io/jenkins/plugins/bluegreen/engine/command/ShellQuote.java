package io.jenkins.plugins.bluegreen.engine.command;

import java.util.regex.Pattern;

/** POSIX shell quoting: the one place that decides how an argument crosses a shell unharmed. */
public final class ShellQuote {
    /** Characters that mean nothing to any POSIX shell, so an argument made only of them needs no quotes. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellQuote() {
    }

    /**
     * Quotes one argument. Single quotes stop every expansion ($, backticks, globs, newlines);
     * a single quote inside is closed, escaped and reopened.
     */
    public static String quote(final String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
