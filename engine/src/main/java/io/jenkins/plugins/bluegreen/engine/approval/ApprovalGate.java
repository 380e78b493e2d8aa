package io.jenkins.plugins.bluegreen.engine.approval;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A deploy waiting for people to approve it. Immutable: {@link #approve} and {@link #reject}
 * return the next gate, so the host can store each state (it is {@link Serializable}, with plain
 * fields) and survive a restart. Refused answers throw {@link InvalidInputException} whose message
 * is meant for the person who answered.
 *
 * <p>One rejection rejects the gate. Approvals count per distinct user; the gate is approved once
 * {@link ApprovalPolicy#required()} of them are in. Answers at or after the deadline are refused.
 */
public final class ApprovalGate implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ApprovalPolicy policy;
    private final String requester;
    private final Instant openedAt;
    private final List<ApprovalRecord> records;

    private ApprovalGate(final ApprovalPolicy policy, final String requester, final Instant openedAt,
                         final List<ApprovalRecord> records) {
        this.policy = policy;
        this.requester = requester;
        this.openedAt = openedAt;
        this.records = List.copyOf(records);
    }

    /** A gate for the deploy {@code requester} started, waiting from {@code openedAt}. */
    public static ApprovalGate open(final ApprovalPolicy policy, final String requester, final Instant openedAt) {
        if (requester == null || requester.isBlank()) {
            throw new InvalidInputException("approval: requester is empty; expected the user id who started the deploy");
        }
        return new ApprovalGate(Objects.requireNonNull(policy, "policy"), requester.strip(),
                Objects.requireNonNull(openedAt, "openedAt"), List.of());
    }

    /**
     * The policy for a hotfix outside the window: one approval from the on-call group (user ids or
     * group names), never from the requester, rejected when nobody answers in time.
     */
    public static ApprovalPolicy hotfix(final Set<String> onCall, final Duration timeout) {
        return hotfix(onCall, timeout, true);
    }

    /**
     * On-call's approval of a hotfix outside the window: one approval from someone on call other than
     * the requester, or two different ones when the requester is not known (a build a timer, an SCM
     * push or a remote trigger started), since then the requester cannot be kept from approving.
     */
    public static ApprovalPolicy hotfix(final Set<String> onCall, final Duration timeout, final boolean requesterKnown) {
        if (onCall == null || onCall.stream().allMatch(s -> s == null || s.isBlank())) {
            throw new InvalidInputException("hotfix approval: on-call is empty; expected the on-call group or user ids"
                    + " who may approve a hotfix outside the window");
        }
        return new ApprovalPolicy(onCall, requesterKnown ? 1 : 2, false, timeout, TimeoutOutcome.REJECT, false, false);
    }

    /** The next gate with {@code who}'s approval; refused (with the reason) when it may not count. */
    public ApprovalGate approve(final Approver who, final Instant at, final String comment, final String ticket) {
        requirePending(who, at);
        if (isRequester(who) && !policy.requesterMayApprove()) {
            throw refusal(who, "started this deploy and may not approve it; another approver must");
        }
        requireApprover(who);
        if (approvedBy(who.userId())) {
            throw refusal(who, "has already approved; each approval must come from a different person");
        }
        if (policy.commentRequired() && isBlank(comment)) {
            throw refusal(who, "gave no comment; this gate requires a comment with each approval");
        }
        if (policy.ticketRequired() && isBlank(ticket)) {
            throw refusal(who, "gave no ticket; this gate requires a change ticket with each approval");
        }
        return with(new ApprovalRecord(who.userId(), true, at, trimmed(comment), trimmed(ticket)));
    }

    /**
     * The next gate, rejected by {@code who}. Approvers may reject, and so may the requester (to
     * withdraw the deploy) even when they may not approve it.
     */
    public ApprovalGate reject(final Approver who, final Instant at, final String reason) {
        requirePending(who, at);
        if (!isRequester(who)) {
            requireApprover(who);
        }
        if (policy.commentRequired() && isBlank(reason)) {
            throw refusal(who, "gave no reason; this gate requires a reason with each rejection");
        }
        return with(new ApprovalRecord(who.userId(), false, at, trimmed(reason), null));
    }

    private void requirePending(final Approver who, final Instant at) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(at, "at");
        var status = status(at);
        if (status != ApprovalStatus.PENDING) {
            throw refusal(who, "answered a gate that is already "
                    + status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
    }

    private void requireApprover(final Approver who) {
        if (!policy.allows(who)) {
            throw refusal(who, "is not an approver of this gate; approvers are "
                    + String.join(", ", new TreeSet<>(policy.approvers())));
        }
    }

    private ApprovalGate with(final ApprovalRecord record) {
        var next = new ArrayList<>(records);
        next.add(record);
        return new ApprovalGate(policy, requester, openedAt, next);
    }

    public ApprovalStatus status(final Instant now) {
        if (records.stream().anyMatch(r -> !r.approved())) {
            return ApprovalStatus.REJECTED;
        }
        if (approvalsStillNeeded() == 0) {
            return ApprovalStatus.APPROVED;
        }
        var deadline = deadline();
        return deadline.isPresent() && !now.isBefore(deadline.get()) ? ApprovalStatus.TIMED_OUT : ApprovalStatus.PENDING;
    }

    /** True when the deploy may go on: approved, or timed out with {@link TimeoutOutcome#APPROVE}. */
    public boolean passed(final Instant now) {
        var status = status(now);
        return status == ApprovalStatus.APPROVED
                || status == ApprovalStatus.TIMED_OUT && policy.onTimeout() == TimeoutOutcome.APPROVE;
    }

    /** When the gate stops waiting; empty when it waits for ever. */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(policy.timeout()).map(openedAt::plus);
    }

    public List<ApprovalRecord> records() {
        return records;
    }

    public ApprovalPolicy policy() {
        return policy;
    }

    public String requester() {
        return requester;
    }

    public int approvalsStillNeeded() {
        return Math.max(0, policy.required() - approvers().size());
    }

    /** One line for logs, e.g. "1 of 2 approvals (alice); waiting for ops". */
    public String describe(final Instant now) {
        var approvers = approvers();
        var given = policy.required() == 1 && approvers.size() == 1 ? "approved by " + approvers.get(0)
                : approvers.size() + " of " + policy.required() + " approvals"
                        + (approvers.isEmpty() ? "" : " (" + String.join(", ", approvers) + ")");
        return switch (status(now)) {
            case APPROVED -> given;
            case REJECTED -> records.stream().filter(r -> !r.approved()).findFirst()
                    .map(r -> "rejected by " + r.userId() + (isBlank(r.comment()) ? "" : ": " + r.comment()))
                    .orElseThrow();
            case TIMED_OUT -> given + "; timed out at " + deadline().orElseThrow() + ", "
                    + (policy.onTimeout() == TimeoutOutcome.APPROVE ? "approved" : "rejected") + " by timeout";
            case PENDING -> given + "; waiting for " + waitingFor()
                    + deadline().map(d -> " until " + d).orElse("");
        };
    }

    private String waitingFor() {
        var others = policy.requesterMayApprove() ? "" : " (not " + requester + ")";
        return (policy.approvers().isEmpty() ? "any approver"
                : String.join(", ", new TreeSet<>(policy.approvers()))) + others;
    }

    private List<String> approvers() {
        return records.stream().filter(ApprovalRecord::approved).map(ApprovalRecord::userId).distinct()
                .collect(Collectors.toList());
    }

    private boolean isRequester(final Approver who) {
        return who.userId().equals(requester);
    }

    private boolean approvedBy(final String userId) {
        return records.stream().anyMatch(r -> r.approved() && r.userId().equals(userId));
    }

    private static InvalidInputException refusal(final Approver who, final String why) {
        return new InvalidInputException("approval refused: " + who.userId() + " " + why);
    }

    private static boolean isBlank(final String s) {
        return s == null || s.isBlank();
    }

    private static String trimmed(final String s) {
        return isBlank(s) ? null : s.strip();
    }
}
