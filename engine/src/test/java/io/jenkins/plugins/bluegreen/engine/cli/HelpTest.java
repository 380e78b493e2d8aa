package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --help} prints the usage and exits 0 on every command, before any option is checked. */
class HelpTest {
    @ParameterizedTest(name = "bluegreen {0} --help")
    @MethodSource("io.jenkins.plugins.bluegreen.engine.cli.CommandTree#commands")
    void shouldPrintTheUsageAndExitZero(final String command) {
        var run = CliRun.of(CommandTree.helpOf(command));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(("Usage: bluegreen " + command).strip(), "-h, --help");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldWalkEveryCommandIncludingTheNestedOnes() {
        assertThat(CommandTree.commands()).contains("", "help", "deploy", "migrate", "config check", "config show");
    }

    @Test
    void shouldStillTakeVersionAsTheReleaseWhereItIsOne() {
        var run = CliRun.of("deploy", "--help", "--version", "v1");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--version=TAG");
    }
}
