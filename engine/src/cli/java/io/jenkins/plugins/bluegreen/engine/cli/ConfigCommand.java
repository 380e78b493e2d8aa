package io.jenkins.plugins.bluegreen.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.ConfigJson;
import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bluegreen config check|show}: validate a deploy config, or print it as the engine reads it. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check or show a Kamal-style config/deploy.yml.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Show.class})
final class ConfigCommand {
    static final int OK = 0;
    static final int BAD_INPUT = 2;

    private static Optional<LoadedConfig> load(final Path file, final Optional<String> destination, final CommandSpec spec) {
        var err = spec.commandLine().getErr();
        try {
            var loaded = ConfigLoader.load(file, destination);
            loaded.warnings().forEach(w -> err.println("warning: " + w));
            err.flush();
            return Optional.of(loaded);
        }
        catch (InvalidInputException e) {
            err.println(e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the config: exit 0 if it is valid (warnings on stderr), 2 with every problem on stderr if not.")
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigSource source;

        @Option(names = "--all", description = "Check every destination the config offers (inline blocks and"
                + " deploy.DEST.yml files), or the base alone if it offers none.")
        boolean all;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (all && source.destination().isPresent()) {
                spec.commandLine().getErr().println("--all: expected no --destination with it, got --destination "
                        + source.destination().get());
                return BAD_INPUT;
            }
            var destinations = all ? ConfigLoader.destinations(source.file()).stream().map(Optional::of).toList()
                    : List.of(source.destination());
            boolean valid = true;
            for (Optional<String> destination : destinations.isEmpty() ? List.of(Optional.<String>empty()) : destinations) {
                var loaded = load(source.file(), destination, spec);
                loaded.ifPresent(this::printOk);
                valid &= loaded.isPresent();
            }
            return valid ? OK : BAD_INPUT;
        }

        private void printOk(final LoadedConfig loaded) {
            var config = loaded.config();
            var out = spec.commandLine().getOut();
            out.println(source.file() + ": ok (service " + config.service() + ", " + config.roles().size() + " roles, "
                    + config.allHosts().size() + " hosts" + config.destination().map(d -> ", destination " + d).orElse("") + ")");
            out.flush();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the resolved config as JSON, every default filled in; secrets appear as $NAME, never as values.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ConfigSource source;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var loaded = load(source.file(), source.destination(), spec);
            if (loaded.isEmpty()) {
                return BAD_INPUT;
            }
            var out = spec.commandLine().getOut();
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(ConfigJson.render(loaded.get().config())));
            out.flush();
            return OK;
        }
    }
}
