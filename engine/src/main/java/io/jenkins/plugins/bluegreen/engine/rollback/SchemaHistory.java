package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.SchemaSteps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads from a host's history whether a release can serve on the current schema. A release is
 * trusted on a schema it has served on: the one current while it was live, and every schema a
 * migration produced while it was still live, which includes the next release's migration (run
 * before that release's switch). That is exactly what expand/contract promises: a release survives
 * its successor's expand step, not the contract step after.
 */
final class SchemaHistory {
    private SchemaHistory() {
    }

    /**
     * The schema rollback {@code version} needs, or empty when it has served on the current schema or
     * the history does not track schemas.
     *
     * @param history oldest first
     */
    static Optional<SchemaChange> needed(final List<HistoryEntry> history, final String version) {
        var servedOn = new ArrayList<String>();
        String schema = null;
        String live = null;
        for (HistoryEntry e : history) {
            if (e.schemaAfter() != null) {
                schema = e.schemaAfter();
                if (version.equals(live)) {
                    servedOn.add(schema);
                }
            }
            if (e.liveAfter() != null) {
                live = e.release().version();
                if (version.equals(live) && schema != null) {
                    servedOn.add(schema);
                }
            }
        }
        if (schema == null || servedOn.isEmpty() || servedOn.contains(schema)) {
            return Optional.empty();
        }
        var to = servedOn.get(servedOn.size() - 1);
        return Optional.of(new SchemaChange(schema, to, steps(history, schema, to, version)));
    }

    /** The migrations between the two schemas, by the one rule the migrations' rollback uses too. */
    private static int steps(final List<HistoryEntry> history, final String from, final String to,
                             final String version) {
        try {
            return SchemaSteps.between(history, from, to);
        }
        catch (DeployFailedException e) {
            throw new RollbackRefusedException(version + " last served on schema " + to + " and the schema is now "
                    + from + ", but " + e.getMessage() + "; roll the schema back by hand");
        }
    }
}
