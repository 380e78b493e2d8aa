package io.jenkins.plugins.bluegreen.engine.rollback;

/**
 * A schema rollback a release needs before it may serve again.
 *
 * @param from the schema version now
 * @param to the newest schema version the release has served on
 * @param steps how many migrations lie between them, as the migration runs recorded them
 *              ({@link io.jenkins.plugins.bluegreen.engine.ledger.SchemaSteps}): the {@code STEP} of
 *              {@code bin/rails db:rollback STEP=n}
 */
public record SchemaChange(String from, String to, int steps) {
    public String describe() {
        return "schema " + from + " back to " + to + " (" + steps + (steps == 1 ? " step)" : " steps)");
    }
}
