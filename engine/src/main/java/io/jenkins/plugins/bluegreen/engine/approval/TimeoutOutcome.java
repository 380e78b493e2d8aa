package io.jenkins.plugins.bluegreen.engine.approval;

import io.jenkins.plugins.bluegreen.engine.ParameterChoice;

/** What a pending approval becomes when nobody answered before its deadline. */
public enum TimeoutOutcome {
    APPROVE,
    REJECT;

    /** The {@code onTimeout} parameter of an approval step: blank means {@link #REJECT}. */
    public static TimeoutOutcome parse(final String value) {
        return ParameterChoice.parse(TimeoutOutcome.class, "onTimeout", value, REJECT,
                "'reject' (the build stops as aborted) or 'approve' (it goes on without answers)");
    }

    /** The name a step takes and gives back. */
    public String parameter() {
        return ParameterChoice.name(this);
    }
}
