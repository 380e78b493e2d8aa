package io.jenkins.plugins.bluegreen.engine.approval;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * Who may approve a deploy and what an approval needs.
 *
 * @param approvers           user ids or group names; empty means whoever the host lets answer
 * @param required            distinct approvals needed (N of the approvers), at least 1
 * @param requesterMayApprove whether the person who started the deploy may approve it
 * @param timeout             how long the gate waits; null waits for ever
 * @param onTimeout           what a gate nobody answered in time becomes
 * @param commentRequired     whether an approval (and a rejection) must say why
 * @param ticketRequired      whether an approval must name a change ticket
 */
public record ApprovalPolicy(Set<String> approvers, int required, boolean requesterMayApprove, Duration timeout,
                             TimeoutOutcome onTimeout, boolean commentRequired, boolean ticketRequired)
        implements Serializable {
    public ApprovalPolicy {
        approvers = approvers == null ? Set.of() : Set.copyOf(approvers);
        if (required < 1) {
            throw new InvalidInputException("approval: required is " + required + "; expected at least 1 approval");
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new InvalidInputException("approval: timeout is " + timeout + "; expected a positive duration or none");
        }
        onTimeout = onTimeout == null ? TimeoutOutcome.REJECT : onTimeout;
    }

    /**
     * The defaults: one approval from anyone the host allows, not the requester, no timeout,
     * no comment or ticket required.
     */
    public static ApprovalPolicy defaults() {
        return new ApprovalPolicy(Set.of(), 1, false, null, TimeoutOutcome.REJECT, false, false);
    }

    /** True when {@code who} is listed as a user or through one of their groups (or nobody is listed); see {@link ApproverName}. */
    public boolean allows(final Approver who) {
        return approvers.isEmpty() || approvers.stream().anyMatch(entry -> ApproverName.matches(entry, who));
    }
}
