package io.jenkins.plugins.bluegreen.engine.window;

import java.time.Instant;

/**
 * Whether a deploy may start at {@code at}, and why.
 *
 * @param open     true when the deploy may start now
 * @param rule     name of the rule that decided (an allow window, a freeze, a blackout, "hotfix override")
 * @param reason   the decision in words, for logs and the build page
 * @param at       the instant that was judged
 * @param nextOpen the first instant at or after {@code at} when the deploy may start: {@code at}
 *                 itself when open, {@code null} when the policy stays held for the next two years
 * @param override true when only a hotfix override made it open
 * @param hotfix   the override that opened it; null unless {@code override}
 */
public record WindowDecision(boolean open, String rule, String reason, Instant at, Instant nextOpen,
                             boolean override, HotfixOverride hotfix) {
    /** One line for a build log: "open: ..." or "held by ...; opens ...". */
    public String summary() {
        if (open) {
            return "deployment window open: " + reason;
        }
        return "deployment window held by " + rule + ": " + reason
                + (nextOpen == null ? "; it does not open within two years" : "; opens " + nextOpen);
    }
}
