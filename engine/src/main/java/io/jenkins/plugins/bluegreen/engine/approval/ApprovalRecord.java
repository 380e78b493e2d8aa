package io.jenkins.plugins.bluegreen.engine.approval;

import java.io.Serializable;
import java.time.Instant;

/**
 * One answer given at a gate, as kept for the release ledger: an approval with its comment and
 * ticket, or a rejection with its reason in {@code comment}.
 */
public record ApprovalRecord(String userId, boolean approved, Instant at, String comment, String ticket)
        implements Serializable {
}
