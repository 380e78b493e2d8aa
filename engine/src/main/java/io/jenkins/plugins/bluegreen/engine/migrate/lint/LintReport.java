package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of linting a release's migrations.
 *
 * @param policy what findings do, as the caller asked
 * @param files the migrations read, in the order they run
 * @param findings unsafe operations not opted out, by file then line
 * @param allowed unsafe operations opted out with a reason
 */
public record LintReport(Policy policy, List<Path> files, List<Finding> findings, List<AllowedFinding> allowed) {
    public LintReport {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
        allowed = List.copyOf(allowed);
    }

    /** Whether the deploy must stop: the policy is {@link Policy#FAIL} and something unsafe is left. */
    public boolean failed() {
        return policy == Policy.FAIL && !findings.isEmpty();
    }

    /** One line for the end of the output, e.g. {@code 2 unsafe operations in 3 migrations (failing)}. */
    public String summary() {
        var migrations = files.size() == 1 ? "1 migration" : files.size() + " migrations";
        var allowedNote = allowed.isEmpty() ? "" : ", " + allowed.size() + " allowed by opt-out";
        if (findings.isEmpty()) {
            return "no unsafe operations in " + migrations + allowedNote;
        }
        var unsafe = findings.size() == 1 ? "1 unsafe operation" : findings.size() + " unsafe operations";
        return unsafe + " in " + migrations + allowedNote + (failed() ? " (failing)" : " (warning only)");
    }
}
