package io.jenkins.plugins.bluegreen.engine.approval;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.util.Set;

/** Someone answering a gate: the user id and the groups the host (Jenkins) says they belong to. */
public record Approver(String userId, Set<String> groups) {
    public Approver {
        if (userId == null || userId.isBlank()) {
            throw new InvalidInputException("approver: user id is empty; expected the id of the signed-in user");
        }
        userId = userId.strip();
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** A user without groups. */
    public static Approver user(final String userId) {
        return new Approver(userId, Set.of());
    }
}
