package io.jenkins.plugins.bluegreen.engine.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}, {@code --help} for the commands whose own {@code --version} option (the release)
 * rules out picocli's standard help options: picocli leaves that whole mixin out when one of its
 * names is taken, and without a usage-help option {@code --help} would fail on the required
 * options instead of printing the usage (a picocli mixin).
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;
}
