package io.jenkins.plugins.bluegreen.engine.approval;

/** What a pending approval becomes when nobody answered before its deadline. */
public enum TimeoutOutcome {
    APPROVE,
    REJECT
}
