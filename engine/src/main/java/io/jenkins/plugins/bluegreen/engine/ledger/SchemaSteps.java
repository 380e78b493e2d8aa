package io.jenkins.plugins.bluegreen.engine.ledger;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

import java.util.List;
import java.util.Objects;

/**
 * How many migrations a schema rollback must undo, read from a host's history: the {@code STEP} of
 * {@code bin/rails db:rollback STEP=n}. The one place that counts them, for the rollback of a release
 * and for the migrations' own schema rollback alike.
 *
 * <p>Two version numbers do not say how many migrations lie between them (Rails versions are
 * timestamps), so only the {@code migrations} counts the migration runner recorded are trusted. The
 * history is followed back from the newest entry, from schema to schema: each MIGRATE entry that
 * produced the schema reached so far adds its count and steps to the schema it started from. A
 * ROLLBACK entry undid a change and is passed over; so is a DEPLOY entry, whose schemas repeat what
 * the release's MIGRATE entries already recorded.
 */
public final class SchemaSteps {
    private SchemaSteps() {
    }

    /**
     * The migrations to undo to take the schema from {@code from} back to {@code to}; 0 when they are
     * the same. {@code to} is {@code null} for the empty database a first migration run started from.
     *
     * @param history oldest first
     * @throws DeployFailedException when the history does not record how {@code to} became
     *                               {@code from}, or a change on the way without its count
     */
    public static int between(final List<HistoryEntry> history, final String from, final String to) {
        Objects.requireNonNull(from, "from");
        var cursor = from;
        HistoryEntry uncounted = null;
        int steps = 0;
        for (int i = history.size() - 1; i >= 0 && !Objects.equals(cursor, to); i--) {
            var e = history.get(i);
            if (cursor == null || !changesSchema(e) || !cursor.equals(e.schemaAfter())) {
                continue;
            }
            if (e.action() != HistoryEntry.Action.MIGRATE) {
                uncounted = uncounted == null ? e : uncounted;
                continue;
            }
            if (e.migrations() == null) {
                throw new DeployFailedException("the history does not say how many migrations took schema "
                        + describe(e.schemaBefore()) + " to " + e.schemaAfter() + " (" + e.release().version()
                        + "), so the steps from " + from + " back to " + describe(to) + " cannot be counted");
            }
            steps += e.migrations();
            cursor = e.schemaBefore();
            uncounted = null;
        }
        if (!Objects.equals(cursor, to)) {
            throw new DeployFailedException(uncounted != null
                    ? "the history records that " + uncounted.release().version() + " moved schema "
                            + describe(uncounted.schemaBefore()) + " to " + uncounted.schemaAfter() + " but no"
                            + " migration run with its count, so the steps from " + from + " back to " + describe(to)
                            + " cannot be counted"
                    : "the history does not record how schema " + describe(to) + " became " + describe(cursor)
                            + ", so the steps from " + from + " back to " + describe(to) + " cannot be counted");
        }
        return steps;
    }

    private static boolean changesSchema(final HistoryEntry e) {
        return e.action() != HistoryEntry.Action.ROLLBACK && e.schemaAfter() != null
                && !e.schemaAfter().equals(e.schemaBefore());
    }

    private static String describe(final String schema) {
        return schema == null ? "the empty database" : schema;
    }
}
