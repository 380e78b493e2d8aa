package io.jenkins.plugins.bluegreen.engine.deploy;

/**
 * The caller's last word before traffic moves: smoke tests or an approval against the new color,
 * which is healthy but serves no one yet. Throwing anything aborts the deploy as a failed health
 * gate does: the new color is stopped and traffic stays where it was.
 */
@FunctionalInterface
public interface PreSwitchHook {
    PreSwitchHook NONE = candidate -> { };

    void check(Candidate candidate) throws Exception;
}
