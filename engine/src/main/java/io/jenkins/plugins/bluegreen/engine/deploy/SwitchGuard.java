package io.jenkins.plugins.bluegreen.engine.deploy;

import java.util.Optional;

/**
 * Asked right before the switch whether traffic may still move, since boot and gate take time:
 * a deployment window may have closed meanwhile. A veto aborts the deploy with traffic untouched.
 * Rollbacks never ask.
 */
@FunctionalInterface
public interface SwitchGuard {
    SwitchGuard ALWAYS = plan -> Optional.empty();

    /** Why the switch must not happen now, or empty to let it go ahead. */
    Optional<String> veto(DeployPlan plan);
}
