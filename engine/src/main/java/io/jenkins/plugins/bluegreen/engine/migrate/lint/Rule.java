package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An operation that breaks a zero-downtime deploy. Migrations run before the traffic switch, so
 * every rule asks one question: can the release that is still serving live with this schema change,
 * and does the change hold a lock long enough for users to notice? Ids are stable: opt-out comments
 * and pipelines name them.
 */
public enum Rule {
    REMOVE_COLUMN("remove-column",
            "the release still serving reads and writes this column; its queries fail as soon as it is gone",
            "contract in a later release: first ship code that no longer uses the column (Rails: ignored_columns),"
                    + " deploy it, then remove the column in the release after"),
    RENAME_COLUMN("rename-column",
            "the release still serving knows the column only by its old name",
            "expand/contract: add the new column, write both, backfill, switch reads, then drop the old column"
                    + " in a later release"),
    DROP_TABLE("drop-table",
            "the release still serving may read or write this table",
            "stop using the table in one release, drop it in the release after"),
    RENAME_TABLE("rename-table",
            "the release still serving knows the table only by its old name",
            "create the new table (or a view named like the old one), write both, backfill, switch reads,"
                    + " drop the old one in a later release"),
    CHANGE_COLUMN_TYPE("change-column-type",
            "most type changes rewrite the whole table under an exclusive lock, and the old release may not"
                    + " read or write the new type",
            "add a column of the new type, write both, backfill in batches, switch reads, drop the old column"
                    + " later"),
    NON_CONCURRENT_INDEX("non-concurrent-index",
            "building an index without CONCURRENTLY blocks every write to the table until it is built",
            "Rails: add_index ..., algorithm: :concurrently with disable_ddl_transaction!;"
                    + " SQL: CREATE INDEX CONCURRENTLY outside a transaction; for a unique constraint build the"
                    + " unique index concurrently, then ADD CONSTRAINT ... UNIQUE USING INDEX"),
    CONCURRENT_INDEX_IN_TRANSACTION("concurrent-index-in-transaction",
            "Postgres refuses to build an index CONCURRENTLY inside a transaction, and Rails runs every migration"
                    + " in one unless told otherwise: the migration fails half-way through the deploy",
            "Rails: add disable_ddl_transaction! to the migration and keep the concurrent index alone in it;"
                    + " SQL: build the index outside BEGIN ... COMMIT"),
    ADD_NOT_NULL_COLUMN("add-not-null-column",
            "a NOT NULL column without a default fails on existing rows, and the old release inserts rows"
                    + " without it",
            "add the column nullable (or with a constant default), backfill, then add a NOT VALID check"
                    + " (col IS NOT NULL), validate it, and set NOT NULL in a later release"),
    SET_NOT_NULL("set-not-null",
            "SET NOT NULL scans the whole table under an exclusive lock, and the old release may still write"
                    + " NULLs",
            "add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a separate migration, then"
                    + " SET NOT NULL (Postgres 12+ skips the scan) and drop the check"),
    ADD_FOREIGN_KEY("add-foreign-key",
            "validating a new foreign key scans the table while writes to both tables are blocked",
            "add it NOT VALID (Rails: validate: false), then VALIDATE CONSTRAINT in a separate migration"
                    + " (Rails: validate_foreign_key)"),
    ADD_CHECK_CONSTRAINT("add-check-constraint",
            "validating a new check constraint scans the table under an exclusive lock",
            "add it NOT VALID (Rails: validate: false), then VALIDATE CONSTRAINT in a separate migration"
                    + " (Rails: validate_check_constraint)"),
    VOLATILE_DEFAULT("volatile-default",
            "a value computed per row (volatile default such as gen_random_uuid(), serial, identity or generated"
                    + " column) rewrites the whole table under an exclusive lock",
            "add the column without a default, set the default for new rows, backfill existing rows in batches"),
    CREATE_TABLE_FORCE("create-table-force",
            "force: drops an existing table of that name, data and all, while the old release still uses it",
            "create the table without force:; drop an obsolete table in its own, later release"),
    UNJUDGED_SQL("unjudged-sql",
            "the SQL is built at run time (a variable or an interpolated string), so it cannot be checked"
                    + " before it runs",
            "write the statement as a plain string literal so it can be checked, or opt out with the reason it"
                    + " is safe"),
    OPT_OUT_WITHOUT_REASON("opt-out-without-reason",
            "an opt-out must say why the operation is safe, for the reviewer and for the next on-call",
            "bluegreen:allow <rule-id> -- <why it is safe here>"),
    OPT_OUT_UNKNOWN_RULE("opt-out-unknown-rule",
            "the opt-out names a rule that does not exist, so it allows nothing",
            "name one of the rule ids listed in docs/migrations.md");

    private final String id;
    private final String why;
    private final String safePattern;

    Rule(final String id, final String why, final String safePattern) {
        this.id = id;
        this.why = why;
        this.safePattern = safePattern;
    }

    /** The stable id used in output and in opt-out comments, e.g. {@code remove-column}. */
    public String id() {
        return id;
    }

    /** Why the operation breaks a deploy while the previous release still serves. */
    public String why() {
        return why;
    }

    /** What to do instead (the expand/contract way). */
    public String safePattern() {
        return safePattern;
    }

    /** The rule with this id, if any; ids are matched ignoring case. */
    public static Optional<Rule> byId(final String id) {
        var wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id.equals(wanted)).findFirst();
    }

    /** Whether an opt-out comment may silence this rule; the opt-out rules themselves may not be. */
    boolean canBeAllowed() {
        return this != OPT_OUT_WITHOUT_REASON && this != OPT_OUT_UNKNOWN_RULE;
    }
}
