package io.jenkins.plugins.bluegreen.steps;

import io.jenkins.plugins.bluegreen.engine.approval.Approver;

/**
 * A question waiting on a build's approval page: an approval gate, a hotfix waiting for on-call,
 * or a held deploy offering "proceed as hotfix". The running step answers for it, so its state
 * lives with the step and survives a restart with the pipeline.
 */
public interface PendingGate {
    /** Unique within the build; the page posts it back. */
    String getGateId();

    /** What is being asked, e.g. "Deploy 1.4.2 to production?". */
    String getTitle();

    /** Where it stands, in one line: approvals so far, who else may answer, until when. */
    String getState();

    boolean isCommentRequired();

    boolean isTicketRequired();

    /** True when no approvers are named, so anyone who may build the job may answer. */
    boolean isOpenToAnyone();

    /**
     * Records an answer. Throws {@link io.jenkins.plugins.bluegreen.engine.InvalidInputException}
     * with the reason when it does not count (not an approver, the requester, a second approval by
     * the same person, a missing comment or ticket, already settled).
     */
    void answer(Approver who, boolean approve, String comment, String ticket);
}
