package io.jenkins.plugins.bluegreen.engine.approval;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.Locale;

/** What a pending approval becomes when nobody answered before its deadline. */
public enum TimeoutOutcome {
    APPROVE,
    REJECT;

    /** The {@code onTimeout} parameter of an approval step: blank means {@link #REJECT}. */
    public static TimeoutOutcome parse(final String value) {
        if (value == null || value.isBlank()) {
            return REJECT;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "approve" -> APPROVE;
            case "reject" -> REJECT;
            default -> throw new InvalidInputException("onTimeout: expected 'reject' (the build stops as aborted) or"
                    + " 'approve' (it goes on without answers), got '" + value + "'");
        };
    }

    /** The name a step takes and gives back. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
