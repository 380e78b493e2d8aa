package io.jenkins.plugins.bluegreen.engine.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A command to run on a host, kept as an argument list until the last moment. Builders produce
 * commands; only the remote layer runs them. Rendering quotes every argument, so versions, image
 * names, env values and paths never reach a shell unquoted.
 *
 * <p>Commands compose the way a shell does ({@link #and}, {@link #or}, {@link #pipe}, {@link #then})
 * and a composed command still renders every leaf argument quoted.
 */
public final class Command {
    private final List<String> argv;
    private final String operator;
    private final List<Command> parts;

    private Command(final List<String> argv, final String operator, final List<Command> parts) {
        this.argv = argv;
        this.operator = operator;
        this.parts = parts;
    }

    /** A single program with its arguments; no argument is interpreted by a shell. */
    public static Command of(final String program, final String... args) {
        var list = new ArrayList<String>(args.length + 1);
        list.add(Objects.requireNonNull(program, "program"));
        for (String a : args) {
            list.add(Objects.requireNonNull(a, "argument"));
        }
        return of(list);
    }

    /** A single program with its arguments, given as a list whose first element is the program. */
    public static Command of(final List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
        argv.forEach(a -> Objects.requireNonNull(a, "argument"));
        return new Command(List.copyOf(argv), null, List.of());
    }

    /** Runs {@code next} only if this command succeeds ({@code &&}). */
    public Command and(final Command next) {
        return join("&&", next);
    }

    /** Runs {@code next} only if this command fails ({@code ||}). */
    public Command or(final Command next) {
        return join("||", next);
    }

    /** Feeds this command's output to {@code next} ({@code |}). */
    public Command pipe(final Command next) {
        return join("|", next);
    }

    /** Runs {@code next} after this command whatever its exit ({@code ;}). */
    public Command then(final Command next) {
        return join(";", next);
    }

    private Command join(final String op, final Command next) {
        return new Command(null, op, List.of(this, Objects.requireNonNull(next, "next")));
    }

    /** The argument list of a single program; empty for a composed command. */
    public List<String> argv() {
        return argv == null ? List.of() : Collections.unmodifiableList(argv);
    }

    /** The command as one POSIX shell line, every argument single-quoted where it needs to be. */
    public String render() {
        if (argv != null) {
            var out = new StringBuilder();
            for (String a : argv) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(ShellQuote.quote(a));
            }
            return out.toString();
        }
        return group(parts.get(0)) + " " + operator + " " + group(parts.get(1));
    }

    private static String group(final Command c) {
        return c.argv != null ? c.render() : "{ " + c.render() + "; }";
    }

    @Override
    public String toString() {
        return render();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Command c && c.render().equals(render());
    }

    @Override
    public int hashCode() {
        return render().hashCode();
    }
}
