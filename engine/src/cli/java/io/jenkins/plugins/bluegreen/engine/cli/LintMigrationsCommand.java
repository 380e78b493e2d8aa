package io.jenkins.plugins.bluegreen.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.migrate.lint.AllowedFinding;
import io.jenkins.plugins.bluegreen.engine.migrate.lint.Finding;
import io.jenkins.plugins.bluegreen.engine.migrate.lint.MigrationFiles;
import io.jenkins.plugins.bluegreen.engine.migrate.lint.MigrationLint;
import io.jenkins.plugins.bluegreen.engine.migrate.lint.Policy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bluegreen lint-migrations}: the migration safety lint, before anything runs. */
@Command(name = "lint-migrations", mixinStandardHelpOptions = true,
        description = {"Checks migrations for operations that break a zero-downtime deploy while the previous"
                + " release still serves (see docs/migrations.md).",
                "Exit status: 0 clean or warnings only, 1 unsafe operations with --fail, 2 bad input."})
final class LintMigrationsCommand implements Callable<Integer> {
    static final int UNSAFE = 1;
    static final int BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "db/migrate",
            description = "Folder holding the migrations (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Option(names = "--since", paramLabel = "VERSION",
            description = "Lint only migrations newer than this version, e.g. the version the database is at.")
    private String since;

    @ArgGroup(exclusive = true)
    private PolicyChoice policy = new PolicyChoice();

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Lint only these migrations (as given, or relative to --dir).")
    private List<String> files = List.of();

    static final class PolicyChoice {
        @Option(names = "--fail", description = "Unsafe operations fail the run (default).")
        boolean fail;

        @Option(names = "--warn", description = "Unsafe operations are reported; the run still passes.")
        boolean warn;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            if (since != null && !files.isEmpty()) {
                throw new InvalidInputException("--since " + since + " and the files "
                        + String.join(", ", files) + " both pick migrations; expected one of them");
            }
            var selected = !files.isEmpty() ? MigrationFiles.named(dir, files)
                    : since != null ? MigrationFiles.since(dir, since)
                    : MigrationFiles.in(dir);
            var report = MigrationLint.lint(selected, policy.warn ? Policy.WARN : Policy.FAIL);
            report.findings().forEach(f -> print(out, f));
            report.allowed().stream().map(AllowedFinding::describe).forEach(out::println);
            out.println(report.summary());
            out.flush();
            return report.failed() ? UNSAFE : 0;
        }
        catch (InvalidInputException e) {
            err.println("lint-migrations: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }

    private static void print(final PrintWriter out, final Finding finding) {
        out.println(finding.describe());
        out.println("    safe: " + finding.rule().safePattern());
    }
}
