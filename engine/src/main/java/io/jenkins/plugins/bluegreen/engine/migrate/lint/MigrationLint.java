package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

/**
 * Checks migrations for operations that break a zero-downtime deploy, before any of them runs.
 * Migrations run before the traffic switch, so for a while the release still serving runs against
 * the new schema: every rule is about what that old release, or the table lock, cannot survive.
 * Rails migrations ({@code .rb}) and SQL migrations ({@code .sql}, e.g. Flyway) are understood.
 */
public final class MigrationLint {
    private MigrationLint() {
    }

    /** Lints {@code files} (see {@link MigrationFiles} to pick them); reads each file as UTF-8. */
    public static LintReport lint(final List<Path> files, final Policy policy) {
        var findings = new ArrayList<Finding>();
        var allowed = new ArrayList<AllowedFinding>();
        for (Path file : files) {
            var scan = scan(file, read(file));
            findings.addAll(scan.findings());
            allowed.addAll(scan.allowed());
        }
        return new LintReport(policy, files, findings, allowed);
    }

    /** Lints one migration's text; {@code file} names it in findings and picks the language by its extension. */
    public static LintReport lint(final Path file, final Policy policy, final String text) {
        var scan = scan(file, text);
        return new LintReport(policy, List.of(file), scan.findings(), scan.allowed());
    }

    private record FileResult(List<Finding> findings, List<AllowedFinding> allowed) {
    }

    private static FileResult scan(final Path file, final String text) {
        var scan = new MigrationScan(file);
        if (MigrationFiles.isRuby(file)) {
            RubyRules.check(RubySource.parse(text), scan);
        }
        else {
            SqlRules.check(SqlSource.parse(text, 1), scan);
        }
        var findings = new ArrayList<Finding>(scan.optOuts().problems());
        var allowed = new ArrayList<AllowedFinding>();
        for (Finding finding : scan.findings()) {
            scan.optOuts().reasonFor(finding.rule()).ifPresentOrElse(
                    reason -> allowed.add(new AllowedFinding(finding, reason)),
                    () -> findings.add(finding));
        }
        findings.sort(Comparator.comparingInt(Finding::line));
        return new FileResult(findings, allowed);
    }

    private static String read(final Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new InvalidInputException("migration " + file + " cannot be read (" + e.getMessage()
                    + "); expected a readable .rb or .sql file");
        }
    }
}
