package io.jenkins.plugins.bluegreen.engine.rollback;

/**
 * Rolls the database schema back, the seam to the migrations runner (which runs
 * {@code x-bluegreen/migrations/rollback_command}, {@code bin/rails db:rollback STEP={steps}} by
 * default). {@link Rollback} calls it with the deploy lock held and BEFORE traffic moves: the
 * release going live must find the schema it was built for.
 */
@FunctionalInterface
public interface SchemaRollback {
    /**
     * Undoes {@code change.steps()} schema changes so the schema is at {@code change.to()}; throws
     * {@link io.jenkins.plugins.bluegreen.engine.DeployFailedException} saying where the schema was left.
     */
    void rollBack(SchemaChange change);
}
