package io.jenkins.plugins.bluegreen.engine.migrate.lint;

/** A finding its migration opted out of, with the reason the author gave; reported, never failing. */
public record AllowedFinding(Finding finding, String reason) {
    /** {@code file:line: rule-id: allowed -- reason}. */
    public String describe() {
        return finding.file() + ":" + finding.line() + ": " + finding.rule().id() + ": allowed -- " + reason;
    }
}
