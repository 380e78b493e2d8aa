package io.jenkins.plugins.bluegreen.steps;

import io.jenkins.plugins.bluegreen.engine.window.WhileHeld;
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
    /** Whether a held step waits; the engine refuses a mistyped {@code onHeld}. */
    boolean waits() {
        return WhileHeld.parse(onHeld) == WhileHeld.WAIT;
    }
}
