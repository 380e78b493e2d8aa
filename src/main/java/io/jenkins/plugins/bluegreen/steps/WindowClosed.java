package io.jenkins.plugins.bluegreen.steps;

import io.jenkins.plugins.bluegreen.engine.window.WindowDecision;
import jenkins.model.CauseOfInterruption;

/** Why a deploy did not start: the deployment window is closed. Shown as the build's one-line reason. */
public final class WindowClosed extends CauseOfInterruption {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final String reason;
    private final String nextOpen;

    WindowClosed(final WindowDecision decision) {
        this.rule = decision.rule();
        this.reason = decision.reason();
        this.nextOpen = decision.nextOpen() == null ? null : decision.nextOpen().toString();
    }

    @Override
    public String getShortDescription() {
        var next = nextOpen == null ? "it does not open again within the policy's horizon" : "it opens next at " + nextOpen;
        return "Deployment window closed by '" + rule + "': " + reason + "; " + next
                + " (a hotfix may override it with a reason)";
    }
}
