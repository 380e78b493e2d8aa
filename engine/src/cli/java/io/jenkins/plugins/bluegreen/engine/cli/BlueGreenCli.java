package io.jenkins.plugins.bluegreen.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bluegreen} command: the engine's front door without Jenkins. */
@Command(name = "bluegreen", mixinStandardHelpOptions = true, version = "bluegreen 0.1.0",
        description = "Blue-green deploys over SSH, deployment windows and migrations, without Jenkins.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ConfigCommand.class,
            DeployCommand.class,
            HealthGateCommand.class,
            LintMigrationsCommand.class,
            MigrateCommand.class,
            RollbackCommand.class,
            SshCheckCommand.class,
            StatusCommand.class,
            WindowCommand.class,
        })
public final class BlueGreenCli {
    public static void main(final String[] args) {
        System.exit(new CommandLine(new BlueGreenCli()).execute(args));
    }
}
