package io.jenkins.plugins.bluegreen.engine.approval;

/** Where an approval gate stands. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    TIMED_OUT
}
