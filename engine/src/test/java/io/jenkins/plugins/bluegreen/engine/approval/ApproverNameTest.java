package io.jenkins.plugins.bluegreen.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApproverNameTest {
    /** Someone who chose the user id "release-managers" where people pick their own ids. */
    private static final Approver IMPOSTOR = Approver.user("release-managers");
    private static final Approver MANAGER = new Approver("carol", Set.of("release-managers"));

    private static ApprovalPolicy listing(final String... entries) {
        return new ApprovalPolicy(Set.of(entries), 1, false, null, TimeoutOutcome.REJECT, false, false);
    }

    @Test
    void shouldMatchAGroupEntryOnlyThroughTheGroup() {
        var policy = listing("group:release-managers");

        assertThat(policy.allows(MANAGER)).isTrue();
        assertThat(policy.allows(IMPOSTOR)).isFalse();
    }

    @Test
    void shouldMatchAUserEntryOnlyByTheUserId() {
        var policy = listing("user:carol");

        assertThat(policy.allows(MANAGER)).isTrue();
        assertThat(policy.allows(new Approver("dave", Set.of("carol")))).isFalse();
    }

    @Test
    void shouldStillMatchABareNameEitherWayWhileTeamsMoveToPrefixes() {
        var policy = listing("release-managers");

        assertThat(policy.allows(MANAGER)).isTrue();
        assertThat(policy.allows(IMPOSTOR)).isTrue();
    }

    @Test
    void shouldWarnAboutBareNamesOnly() {
        assertThat(ApproverName.bareNamesWarning("approvers", List.of("user:carol", "group:release-managers"))).isNull();
        assertThat(ApproverName.bareNamesWarning("approvers", List.of("user:carol", "release-managers", "alice")))
                .isEqualTo("approvers: alice, release-managers match a user or a group of that name; expected"
                        + " user:<id> or group:<name>, e.g. group:alice");
    }
}
