package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The options several commands share are spelled one way, so a runbook line works on each of them. */
class CliOptionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"config check", "config show", "deploy", "migrate", "status", "rollback"})
    void shouldTakeTheConfigAsFileAndDestinationEverywhere(final String command) {
        var help = help(command);

        assertThat(help).contains("-f, --file=FILE", "The config file (default: config/deploy.yml).",
                "-d, --destination=DEST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy", "migrate", "rollback", "window"})
    void shouldRecordWhoAndWhyWithTheSameOptionsEverywhere(final String command) {
        var help = help(command);

        assertThat(help).contains("--by=USER", "--reason=TEXT").doesNotContain("--message");
    }

    private static String help(final String command) {
        var cli = new CommandLine(new BlueGreenCli());
        for (String name : command.split(" ")) {
            cli = cli.getSubcommands().get(name);
        }
        return cli.getUsageMessage();
    }
}
