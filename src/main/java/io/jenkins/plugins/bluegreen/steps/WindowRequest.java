package io.jenkins.plugins.bluegreen.steps;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.io.Serializable;

/**
 * What a step asks of the deployment window: for which destination, whether as a hotfix and why,
 * and what to do while it is held ({@code wait} or {@code fail}).
 *
 * @param configFile the Kamal config whose {@code x-bluegreen.windows} may tighten the admins'
 *                   policy, or {@code null} when the step has no workspace to read it from
 */
record WindowRequest(String function, String destination, boolean hotfix, String reason, String onHeld,
                     String configFile) implements Serializable {
    /** Whether a held step waits; a mistyped {@code onHeld} is the user's mistake, named as such. */
    boolean waits() {
        if (!WindowedStep.WAIT.equals(onHeld) && !WindowedStep.FAIL.equals(onHeld)) {
            throw new InvalidInputException("onHeld is '" + onHeld + "'; expected 'wait' (the build waits for the"
                    + " window) or 'fail' (it stops as not built)");
        }
        return WindowedStep.WAIT.equals(onHeld);
    }
}
