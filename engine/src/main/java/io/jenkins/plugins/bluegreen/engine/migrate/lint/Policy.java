package io.jenkins.plugins.bluegreen.engine.migrate.lint;

/** What unsafe findings do to the deploy; each destination's config picks one. */
public enum Policy {
    /** Findings are reported and the deploy goes on. */
    WARN,
    /** Any finding that is not opted out stops the deploy before a migration runs. */
    FAIL
}
