package io.jenkins.plugins.bluegreen.engine.ledger;

import io.jenkins.plugins.bluegreen.engine.deploy.Color;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a host's history file: something that changed what serves traffic or the schema.
 *
 * @param schemaBefore schema version before migrations ran, {@code null} when not tracked
 * @param schemaAfter schema version after migrations ran, {@code null} when not tracked
 * @param message free text from the deployer (reason, ticket), may be {@code null}
 * @param migrations how many migrations a MIGRATE entry applied, {@code null} when not known: what a
 *                   schema rollback of this release must undo
 * @param backup where the backup taken before migrating went, {@code null} when none was taken
 */
public record HistoryEntry(Action action, Release release, String schemaBefore, String schemaAfter,
                           String message, Integer migrations, String backup) {
    public enum Action {
        /** A new version went live in {@link Release#color()}. */
        DEPLOY,
        /** Traffic went back to an earlier version in {@link Release#color()}. */
        ROLLBACK,
        /** Migrations ran; traffic did not move. */
        MIGRATE;

        boolean movesTraffic() {
            return this != MIGRATE;
        }
    }

    public HistoryEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(release, "release");
        if (migrations != null && migrations < 0) {
            throw new IllegalArgumentException("migrations must not be negative, got " + migrations);
        }
    }

    /** An entry that applied no migrations and took no backup: deploys, rollbacks. */
    public HistoryEntry(final Action action, final Release release, final String schemaBefore, final String schemaAfter,
            final String message) {
        this(action, release, schemaBefore, schemaAfter, message, null, null);
    }

    /** The color that serves traffic after this entry, if it moved traffic. */
    public Color liveAfter() {
        return action.movesTraffic() ? release.color() : null;
    }

    public Instant at() {
        return release.deployedAt();
    }
}
