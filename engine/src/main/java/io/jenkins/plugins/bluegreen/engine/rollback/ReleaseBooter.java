package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;

import java.util.List;

/**
 * Boots a release that no color runs any more, the seam to the deploy orchestration
 * ({@code deploy.BlueGreenDeploy}): when the release to roll back to is not warm on every host,
 * {@link Rollback} hands it over here instead of switching traffic itself.
 *
 * <p>Contract: {@link Rollback} holds the deploy lock on every host and has checked the image exists
 * on each; the implementation boots {@code image} on the idle color of every host, gates it, switches
 * traffic to it with {@code SwitchAll} and returns the outcome (the color now live). It takes and
 * releases no lock and writes no history line: {@link Rollback} records the {@code rollback} entry.
 * On failure it throws {@link io.jenkins.plugins.bluegreen.engine.DeployFailedException} saying where
 * traffic was left.
 */
@FunctionalInterface
public interface ReleaseBooter {
    DeployOutcome redeploy(String version, String image, List<Connection> hosts);
}
