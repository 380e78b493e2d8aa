package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.Objects;

/**
 * One run of {@link BlueGreenDeploy}: which release, who asks and why, and the caller's hooks.
 *
 * @param version the image tag to put live
 * @param requestedBy recorded in the lock, the container labels and the history
 * @param message why (a build URL, a reason); recorded with the history entry, may be {@code null}
 * @param rollback a rollback that had to boot an earlier release again: never held by a
 *                 {@link SwitchGuard}, and recorded as a ROLLBACK entry
 * @param forceUnlock clear a lock left by a dead deploy before taking it (only on explicit request)
 */
public record DeployPlan(String version, String requestedBy, String message, boolean rollback, boolean forceUnlock,
                         PreSwitchHook preSwitch, SwitchGuard guard) {
    public DeployPlan {
        if (version == null || !version.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new InvalidInputException("version: expected an image tag (letters, digits, '_', '.' or '-'), got '"
                    + version + "'");
        }
        preSwitch = Objects.requireNonNullElse(preSwitch, PreSwitchHook.NONE);
        guard = Objects.requireNonNullElse(guard, SwitchGuard.ALWAYS);
    }

    /** A plain deploy of {@code version} with no hooks. */
    public static DeployPlan of(final String version, final String requestedBy) {
        return new DeployPlan(version, requestedBy, null, false, false, null, null);
    }

    public DeployPlan withPreSwitch(final PreSwitchHook hook) {
        return new DeployPlan(version, requestedBy, message, rollback, forceUnlock, hook, guard);
    }

    public DeployPlan withGuard(final SwitchGuard switchGuard) {
        return new DeployPlan(version, requestedBy, message, rollback, forceUnlock, preSwitch, switchGuard);
    }

    public DeployPlan withMessage(final String text) {
        return new DeployPlan(version, requestedBy, text, rollback, forceUnlock, preSwitch, guard);
    }

    public DeployPlan withForceUnlock(final boolean force) {
        return new DeployPlan(version, requestedBy, message, rollback, force, preSwitch, guard);
    }

    /** The same release booted again as a rollback: no window applies, history says ROLLBACK. */
    public DeployPlan asRollback() {
        return new DeployPlan(version, requestedBy, message, true, forceUnlock, preSwitch, guard);
    }
}
