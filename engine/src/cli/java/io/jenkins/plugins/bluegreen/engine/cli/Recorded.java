package io.jenkins.plugins.bluegreen.engine.cli;

import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * Who acts and why, as the lock, the ledger and the release history record it: {@code --by} and
 * {@code --reason}, spelled the same way by every command that records them (a picocli mixin).
 */
public final class Recorded {
    @Option(names = "--by", paramLabel = "USER", description = "Who acts, for the record (default: your user name; a hotfix override must name them).")
    private String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (a ticket, a build URL), for the record.")
    private String reason;

    /** Who acts: as given, or the user running the command. */
    String by() {
        return givenBy().orElseGet(() -> System.getProperty("user.name"));
    }

    /** {@code --by} only when given: a hotfix override must name its approver rather than default to one. */
    Optional<String> givenBy() {
        return Optional.ofNullable(by);
    }

    /** Why, or null when not given. */
    String reason() {
        return reason;
    }
}
