package io.jenkins.plugins.bluegreen.engine.window;

import io.jenkins.plugins.bluegreen.engine.ParameterChoice;

/** What a deploy does while the deployment window holds it: the {@code onHeld} parameter of the deploying steps. */
public enum WhileHeld {
    /** Wait for the window to open (on-call may let it through as a hotfix meanwhile). */
    WAIT,
    /** Stop at once as not built, naming the rule and the next opening. */
    FAIL;

    /** Blank means {@link #WAIT}, the default; anything else but the two names is the user's mistake. */
    public static WhileHeld parse(final String value) {
        return ParameterChoice.parse(WhileHeld.class, "onHeld", value, WAIT,
                "'wait' (the build waits for the window) or 'fail' (it stops as not built)");
    }

    /** The name a step takes and gives back. */
    public String parameter() {
        return ParameterChoice.name(this);
    }
}
