package io.jenkins.plugins.bluegreen.steps;

import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.engine.window.WhileHeld;

/** The snippet-generator form parts of the deploying steps: the host fields plus what to do while held. */
public abstract class WindowedStepDescriptor extends HostStepDescriptor {
    public ListBoxModel doFillOnHeldItems() {
        var items = new ListBoxModel();
        items.add("Wait for the window (on-call may let it through as a hotfix)", WhileHeld.WAIT.parameter());
        items.add("Stop as not built", WhileHeld.FAIL.parameter());
        return items;
    }
}
