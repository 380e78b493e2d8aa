package io.jenkins.plugins.bluegreen.engine.window;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.io.Serializable;

/**
 * A request to deploy outside the window: who asks and why. Both are required, because an
 * override nobody owns or explains is exactly what a post-mortem cannot use. Whether the override
 * is granted is the approval gate's business (on-call approval), not the window's.
 */
public record HotfixOverride(String requestedBy, String reason) implements Serializable {
    public HotfixOverride {
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new InvalidInputException(
                    "hotfix override: requestedBy is empty; expected the user id of the person asking for the override");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException(
                    "hotfix override by " + requestedBy.strip() + ": reason is empty; expected why the deploy cannot wait");
        }
        requestedBy = requestedBy.strip();
        reason = reason.strip();
    }
}
