package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import java.util.Optional;

/**
 * Moves the roles without traffic (workers) back with a warm rollback, the seam to the deploy
 * orchestration ({@code deploy.BlueGreenDeploy}), which owns the worker containers and their
 * readiness check. A deploy leaves the older worker color stopped but in place, so going back is
 * starting it again and stopping the newer one: exactly one color of a worker runs throughout.
 *
 * <p>Contract: {@link Rollback} holds the deploy lock; the implementation reaches every host of a
 * worker role itself (a worker may run where no traffic goes). {@link Rollback} asks {@link #obstacle} before
 * it changes anything and calls {@link #bringBack} only once traffic has switched, so a failed
 * switch leaves the workers as they were.
 */
public interface WorkerReturn {
    /**
     * Why the workers cannot simply be started again: a host whose stopped worker container of
     * {@code color} is gone or holds another release than {@code version}; empty when they can.
     */
    Optional<String> obstacle(String version, Color color);

    /**
     * Starts every worker's container of {@code color}, checks it is ready as a deploy does, then
     * stops the other color with {@code drain_timeout}.
     *
     * @throws io.jenkins.plugins.bluegreen.engine.DeployFailedException saying which workers run where
     */
    void bringBack(String version, Color color);
}
