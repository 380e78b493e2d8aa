package io.jenkins.plugins.bluegreen.engine.deploy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Who deployed and when, as written into container labels, the history file and the lock. The
 * time is kept to the second: it travels as text and must read back equal.
 */
public record DeployStamp(Instant at, String by) {
    public DeployStamp {
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.SECONDS);
        by = by == null || by.isBlank() ? "unknown" : by.strip();
    }
}
