package io.jenkins.plugins.bluegreen.engine.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/** Every command of the {@code bluegreen} tree, as the words a user types after {@code bluegreen}. */
public final class CommandTree {
    private CommandTree() {
    }

    /** {@code ""} for {@code bluegreen} itself, then {@code "config"}, {@code "config check"}, ... */
    public static List<String> commands() {
        var all = new ArrayList<String>();
        walk(new CommandLine(new BlueGreenCli()), "", all);
        return all;
    }

    private static void walk(final CommandLine command, final String path, final List<String> all) {
        all.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            // Aliases would list the same command twice.
            if (name.equals(sub.getCommandName())) {
                walk(sub, path.isEmpty() ? name : path + " " + name, all);
            }
        });
    }

    /** The arguments that ask {@code command} for its usage. */
    public static List<String> helpOf(final String command) {
        var args = new ArrayList<>(command.isEmpty() ? List.<String>of() : List.of(command.split(" ")));
        args.add("--help");
        return args;
    }
}
