package io.jenkins.plugins.bluegreen.steps;

import jenkins.model.CauseOfInterruption;

/** Why a deploy stopped at a gate: rejected, or nobody approved in time. Shown as the build's one-line reason. */
public final class NotApproved extends CauseOfInterruption {
    private static final long serialVersionUID = 1L;

    private final String description;

    NotApproved(final String description) {
        this.description = description;
    }

    @Override
    public String getShortDescription() {
        return "Not approved: " + description;
    }
}
