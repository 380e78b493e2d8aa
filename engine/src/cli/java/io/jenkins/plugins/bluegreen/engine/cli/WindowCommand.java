package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.ConfigException;
import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.window.HotfixOverride;
import io.jenkins.plugins.bluegreen.engine.window.WindowPolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bluegreen window}: may a deploy start now, and if not, why and when. */
@Command(name = "window", mixinStandardHelpOptions = true,
        description = {"Says whether a deploy may start (now or --at), which rule decided and when the window "
                + "opens next, as JSON.", "Exit 0 when open, 3 when held, 2 on bad input."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:open", "3:held", "2:bad input (message on stderr)"})
final class WindowCommand implements Callable<Integer> {
    static final int OPEN = 0;
    static final int HELD = 3;
    static final int BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    // Not the ConfigSource mixin: without --file the seed's default policy applies, not config/deploy.yml.
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "deploy file whose x-bluegreen.windows applies (default: Tue-Thu 10:00-14:00 UTC, "
                    + "no Friday afternoon or weekend deploys)")
    private Path file;

    @Option(names = {"-d", "--destination"}, paramLabel = "DEST", description = "destination such as production")
    private String destination;

    @Option(names = "--at", paramLabel = "INSTANT", description = "ISO-8601 instant to judge (default: now)")
    private String at;

    @Option(names = "--hotfix", description = "ask for a hotfix override (needs --reason and --by)")
    private boolean hotfix;

    @Mixin
    private Recorded record;

    @Override
    public Integer call() {
        try {
            var decision = policies().forDestination(destination).decide(instant(), override());
            spec.commandLine().getOut().println(WindowJson.render(decision, destination));
            spec.commandLine().getOut().flush();
            return decision.open() ? OPEN : HELD;
        }
        catch (ConfigException e) {
            e.problems().forEach(p -> spec.commandLine().getErr().println("bluegreen window: " + p));
            spec.commandLine().getErr().flush();
            return BAD_INPUT;
        }
        catch (InvalidInputException e) {
            spec.commandLine().getErr().println("bluegreen window: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return BAD_INPUT;
        }
    }

    /**
     * The file's policies, read the way a deploy reads them. A window destination need not be a
     * Kamal destination of the file (staging may differ from production in its window alone, under
     * {@code windows.destinations}), so the file's destination is merged in only when it offers one.
     */
    private WindowPolicies policies() {
        if (file == null) {
            return WindowPolicies.seedDefault();
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--file: found no file at " + file + ", expected a config/deploy.yml");
        }
        var kamalDestination = Optional.ofNullable(destination).filter(ConfigLoader.destinations(file)::contains);
        return WindowPolicies.from(ConfigLoader.load(file, kamalDestination).config().extension().windows());
    }

    private Instant instant() {
        if (at == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(at.strip()).toInstant();
        }
        catch (DateTimeException e) {
            throw new InvalidInputException("--at: found \"" + at + "\", expected an ISO-8601 instant such as "
                    + "2026-12-04T15:00:00Z");
        }
    }

    private Optional<HotfixOverride> override() {
        var by = record.givenBy().orElse(null);
        var reason = record.reason();
        if (!hotfix) {
            if (reason != null || by != null) {
                throw new InvalidInputException("--" + (by != null ? "by" : "reason")
                        + ": found it without --hotfix, expected --hotfix --reason WHY --by USER together");
            }
            return Optional.empty();
        }
        require("--by", by, "the user id asking for the override");
        require("--reason", reason, "why the deploy cannot wait");
        return Optional.of(new HotfixOverride(by, reason));
    }

    private static void require(final String option, final String value, final String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("--hotfix: found no " + option + ", expected " + option + " with " + what);
        }
    }
}
