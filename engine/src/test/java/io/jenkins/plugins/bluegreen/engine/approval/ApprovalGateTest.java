package io.jenkins.plugins.bluegreen.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApprovalGateTest {
    private static final Instant OPENED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LATER = OPENED.plusSeconds(60);
    private static final Approver ALICE = new Approver("alice", Set.of("ops"));
    private static final Approver BOB = new Approver("bob", Set.of("ops", "dba"));
    private static final Approver CAROL = new Approver("carol", Set.of("dev"));
    private static final Approver DAVE = Approver.user("dave");

    private static ApprovalPolicy policy(final Set<String> approvers, final int required) {
        return new ApprovalPolicy(approvers, required, false, null, TimeoutOutcome.REJECT, false, false);
    }

    @Nested
    class Defaults {
        private final ApprovalGate gate = ApprovalGate.open(ApprovalPolicy.defaults(), "dave", OPENED);

        @Test
        void shouldWaitForOneApprovalFromAnyoneButTheRequester() {
            assertThat(gate.status(LATER)).isEqualTo(ApprovalStatus.PENDING);
            assertThat(gate.approvalsStillNeeded()).isEqualTo(1);
            assertThat(gate.deadline()).isEmpty();
            assertThat(gate.passed(LATER)).isFalse();
            assertThat(gate.describe(LATER)).isEqualTo("0 of 1 approvals; waiting for any approver (not dave)");
        }

        @Test
        void shouldPassWithOneApproval() {
            var approved = gate.approve(CAROL, LATER, "looks good", null);
            assertThat(approved.status(LATER)).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(approved.passed(LATER)).isTrue();
            assertThat(approved.approvalsStillNeeded()).isZero();
            assertThat(approved.records()).containsExactly(new ApprovalRecord("carol", true, LATER, "looks good", null));
            assertThat(approved.describe(LATER)).isEqualTo("approved by carol");
            assertThat(gate.status(LATER)).as("the original gate is unchanged").isEqualTo(ApprovalStatus.PENDING);
        }

        @Test
        void shouldNeverTimeOutWithoutATimeout() {
            assertThat(gate.status(OPENED.plus(Duration.ofDays(3650)))).isEqualTo(ApprovalStatus.PENDING);
        }

        @Test
        void shouldRefuseSelfApproval() {
            assertThatThrownBy(() -> gate.approve(DAVE, LATER, null, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval refused: dave started this deploy and may not approve it; another approver must");
        }

        @Test
        void shouldLetTheRequesterWithdraw() {
            var withdrawn = gate.reject(DAVE, LATER, "wrong build");
            assertThat(withdrawn.status(LATER)).isEqualTo(ApprovalStatus.REJECTED);
            assertThat(withdrawn.describe(LATER)).isEqualTo("rejected by dave: wrong build");
        }
    }

    @Nested
    class TwoOfOps {
        private final ApprovalGate gate = ApprovalGate.open(policy(Set.of("ops", "erin"), 2), "dave", OPENED);

        @Test
        void shouldCountDistinctApproversUntilNIsReached() {
            var one = gate.approve(ALICE, LATER, null, null);
            assertThat(one.status(LATER)).isEqualTo(ApprovalStatus.PENDING);
            assertThat(one.approvalsStillNeeded()).isEqualTo(1);
            assertThat(one.describe(LATER)).isEqualTo("1 of 2 approvals (alice); waiting for erin, ops (not dave)");
            var two = one.approve(BOB, LATER.plusSeconds(5), null, null);
            assertThat(two.status(LATER)).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(two.describe(LATER)).isEqualTo("2 of 2 approvals (alice, bob)");
        }

        @Test
        void shouldAcceptAnApproverNamedByUserId() {
            var erin = Approver.user("erin");
            assertThat(gate.approve(erin, LATER, null, null).approve(ALICE, LATER, null, null).passed(LATER)).isTrue();
        }

        @Test
        void shouldRefuseTheSameApproverTwice() {
            var one = gate.approve(ALICE, LATER, null, null);
            assertThatThrownBy(() -> one.approve(ALICE, LATER, null, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval refused: alice has already approved; "
                            + "each approval must come from a different person");
        }

        @Test
        void shouldRefuseSomeoneWhoIsNotAnApprover() {
            assertThatThrownBy(() -> gate.approve(CAROL, LATER, null, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval refused: carol is not an approver of this gate; approvers are erin, ops");
            assertThatThrownBy(() -> gate.reject(CAROL, LATER, "no"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("carol is not an approver");
        }

        @Test
        void shouldRejectOnOneRejectionEvenAfterAnApproval() {
            var rejected = gate.approve(ALICE, LATER, null, null).reject(BOB, LATER, "migration locks orders");
            assertThat(rejected.status(LATER)).isEqualTo(ApprovalStatus.REJECTED);
            assertThat(rejected.passed(LATER)).isFalse();
            assertThat(rejected.records()).extracting(ApprovalRecord::approved).containsExactly(true, false);
            assertThat(rejected.describe(LATER)).isEqualTo("rejected by bob: migration locks orders");
        }

        @Test
        void shouldRefuseAnswersOnceDecided() {
            var approved = gate.approve(ALICE, LATER, null, null).approve(BOB, LATER, null, null);
            assertThatThrownBy(() -> approved.approve(Approver.user("erin"), LATER, null, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval refused: erin answered a gate that is already approved");
            var rejected = gate.reject(ALICE, LATER, null);
            assertThatThrownBy(() -> rejected.reject(BOB, LATER, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval refused: bob answered a gate that is already rejected");
        }
    }

    @Nested
    class RequesterMayApprove {
        @Test
        void shouldCountTheRequesterWhenAllowedAndListed() {
            var p = new ApprovalPolicy(Set.of("ops"), 1, true, null, TimeoutOutcome.REJECT, false, false);
            assertThat(ApprovalGate.open(p, "alice", OPENED).approve(ALICE, LATER, null, null).passed(LATER)).isTrue();
        }

        @Test
        void shouldStillRequireTheRequesterToBeAnApprover() {
            var p = new ApprovalPolicy(Set.of("ops"), 1, true, null, TimeoutOutcome.REJECT, false, false);
            assertThatThrownBy(() -> ApprovalGate.open(p, "carol", OPENED).approve(CAROL, LATER, null, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("carol is not an approver");
        }
    }

    @Nested
    class RequiredInputs {
        private final ApprovalGate gate = ApprovalGate.open(
                new ApprovalPolicy(Set.of(), 1, false, null, TimeoutOutcome.REJECT, true, true), "dave", OPENED);

        @Test
        void shouldRefuseAnApprovalWithoutComment() {
            assertThatThrownBy(() -> gate.approve(ALICE, LATER, "  ", "CHG-1"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval refused: alice gave no comment; this gate requires a comment with each approval");
        }

        @Test
        void shouldRefuseAnApprovalWithoutTicket() {
            assertThatThrownBy(() -> gate.approve(ALICE, LATER, "ok", null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval refused: alice gave no ticket; "
                            + "this gate requires a change ticket with each approval");
        }

        @Test
        void shouldRefuseARejectionWithoutReason() {
            assertThatThrownBy(() -> gate.reject(ALICE, LATER, ""))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval refused: alice gave no reason; this gate requires a reason with each rejection");
        }

        @Test
        void shouldRecordTrimmedCommentAndTicket() {
            var approved = gate.approve(ALICE, LATER, " rollout plan checked ", " CHG-42 ");
            assertThat(approved.records().get(0))
                    .isEqualTo(new ApprovalRecord("alice", true, LATER, "rollout plan checked", "CHG-42"));
        }
    }

    @Nested
    class Timeouts {
        private final Duration hour = Duration.ofHours(1);
        private final Instant deadline = OPENED.plus(hour);

        private ApprovalGate gate(final TimeoutOutcome outcome) {
            return ApprovalGate.open(new ApprovalPolicy(Set.of(), 2, false, hour, outcome, false, false), "dave", OPENED);
        }

        @Test
        void shouldTimeOutAtTheDeadline() {
            var g = gate(TimeoutOutcome.REJECT);
            assertThat(g.deadline()).contains(deadline);
            assertThat(g.status(deadline.minusNanos(1))).isEqualTo(ApprovalStatus.PENDING);
            assertThat(g.status(deadline)).isEqualTo(ApprovalStatus.TIMED_OUT);
            assertThat(g.passed(deadline)).isFalse();
            assertThat(g.describe(deadline))
                    .isEqualTo("0 of 2 approvals; timed out at 2026-12-01T11:00:00Z, rejected by timeout");
            assertThat(g.describe(LATER))
                    .isEqualTo("0 of 2 approvals; waiting for any approver (not dave) until 2026-12-01T11:00:00Z");
        }

        @Test
        void shouldPassOnTimeoutWhenTheOutcomeIsApprove() {
            var g = gate(TimeoutOutcome.APPROVE).approve(ALICE, LATER, null, null);
            assertThat(g.status(deadline)).isEqualTo(ApprovalStatus.TIMED_OUT);
            assertThat(g.passed(deadline)).isTrue();
            assertThat(g.describe(deadline)).isEqualTo("1 of 2 approvals (alice); timed out at 2026-12-01T11:00:00Z, "
                    + "approved by timeout");
        }

        @Test
        void shouldRefuseAnAnswerAfterTheDeadline() {
            assertThatThrownBy(() -> gate(TimeoutOutcome.REJECT).approve(ALICE, deadline, null, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval refused: alice answered a gate that is already timed out");
        }

        @Test
        void shouldStayApprovedOrRejectedAfterTheDeadline() {
            var approved = gate(TimeoutOutcome.REJECT).approve(ALICE, LATER, null, null).approve(BOB, LATER, null, null);
            assertThat(approved.status(deadline.plus(hour))).isEqualTo(ApprovalStatus.APPROVED);
            var rejected = gate(TimeoutOutcome.APPROVE).reject(ALICE, LATER, null);
            assertThat(rejected.status(deadline.plus(hour))).isEqualTo(ApprovalStatus.REJECTED);
            assertThat(rejected.passed(deadline.plus(hour))).isFalse();
        }
    }

    @Nested
    class Hotfix {
        private final ApprovalPolicy onCall = ApprovalGate.hotfix(Set.of("on-call"), Duration.ofMinutes(30));
        private final Approver oncallAlice = new Approver("alice", Set.of("on-call"));

        @Test
        void shouldNeedOneOnCallApproval() {
            assertThat(onCall).isEqualTo(new ApprovalPolicy(Set.of("on-call"), 1, false, Duration.ofMinutes(30),
                    TimeoutOutcome.REJECT, false, false));
            var gate = ApprovalGate.open(onCall, "bob", OPENED);
            assertThat(gate.approve(oncallAlice, LATER, "go", null).passed(LATER)).isTrue();
        }

        @Test
        void shouldRefuseTheRequesterEvenWhenOnCall() {
            var gate = ApprovalGate.open(onCall, "alice", OPENED);
            assertThatThrownBy(() -> gate.approve(oncallAlice, LATER, "me", null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("alice started this deploy and may not approve it");
        }

        @Test
        void shouldRefuseSomeoneNotOnCall() {
            var gate = ApprovalGate.open(onCall, "bob", OPENED);
            assertThatThrownBy(() -> gate.approve(CAROL, LATER, null, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval refused: carol is not an approver of this gate; approvers are on-call");
        }

        @Test
        void shouldRejectWhenOnCallDoesNotAnswer() {
            var gate = ApprovalGate.open(onCall, "bob", OPENED);
            assertThat(gate.status(OPENED.plus(Duration.ofMinutes(30)))).isEqualTo(ApprovalStatus.TIMED_OUT);
            assertThat(gate.passed(OPENED.plus(Duration.ofMinutes(30)))).isFalse();
        }

        /** A timer or an SCM push started the build: the requester may be anyone, even on call. */
        @Test
        void shouldNeedTwoDifferentOnCallApprovalsWhenTheRequesterIsUnknown() {
            var gate = ApprovalGate.open(ApprovalGate.hotfix(Set.of("on-call"), Duration.ofMinutes(30), false), "SYSTEM",
                    OPENED).approve(oncallAlice, LATER, "go", null);

            assertThat(gate.passed(LATER)).isFalse();
            assertThat(gate.approve(new Approver("dave", Set.of("on-call")), LATER, "agreed", null).passed(LATER)).isTrue();
        }

        @Test
        void shouldRefuseAHotfixPolicyWithoutOnCall() {
            assertThatThrownBy(() -> ApprovalGate.hotfix(Set.of(), null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("hotfix approval: on-call is empty; expected the on-call group or user ids"
                            + " who may approve a hotfix outside the window");
        }
    }

    @Nested
    class Validation {
        @Test
        void shouldRefuseZeroRequiredApprovals() {
            assertThatThrownBy(() -> policy(Set.of(), 0))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval: required is 0; expected at least 1 approval");
        }

        @Test
        void shouldRefuseANonPositiveTimeout() {
            assertThatThrownBy(() -> new ApprovalPolicy(Set.of(), 1, false, Duration.ZERO, null, false, false))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval: timeout is PT0S; expected a positive duration or none");
        }

        @Test
        void shouldDefaultTheTimeoutOutcomeToReject() {
            assertThat(new ApprovalPolicy(null, 1, false, Duration.ofHours(1), null, false, false).onTimeout())
                    .isEqualTo(TimeoutOutcome.REJECT);
        }

        @Test
        void shouldRefuseAGateWithoutRequester() {
            assertThatThrownBy(() -> ApprovalGate.open(ApprovalPolicy.defaults(), " ", OPENED))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approval: requester is empty; expected the user id who started the deploy");
        }

        @Test
        void shouldRefuseAnApproverWithoutId() {
            assertThatThrownBy(() -> new Approver("", Set.of()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("approver: user id is empty; expected the id of the signed-in user");
        }
    }

    @Test
    void shouldSurviveSerialisationAsTheControllerStoresIt() throws Exception {
        var gate = ApprovalGate.open(ApprovalGate.hotfix(Set.of("on-call"), Duration.ofMinutes(30)), "bob", OPENED)
                .approve(new Approver("alice", Set.of("on-call")), LATER, "go", "INC-7");
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(gate);
        }
        ApprovalGate copy;
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ApprovalGate) in.readObject();
        }
        assertThat(copy.records()).isEqualTo(gate.records());
        assertThat(copy.policy()).isEqualTo(gate.policy());
        assertThat(copy.requester()).isEqualTo("bob");
        assertThat(copy.passed(LATER)).isTrue();
        assertThat(copy.deadline()).isEqualTo(gate.deadline());
    }
}
