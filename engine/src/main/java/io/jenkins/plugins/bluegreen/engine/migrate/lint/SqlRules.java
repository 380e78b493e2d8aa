package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for SQL statements (plain {@code .sql} migrations and string literals run by a Rails
 * {@code execute}). Patterns are written against {@link SqlSource.Statement#text()}: tokens joined by
 * single spaces, so {@code ALTER  TABLE\n users} reads {@code ALTER TABLE users}.
 */
final class SqlRules {
    /** A name token: quoted, schema-qualified, or holding a Flyway placeholder such as ${schema}. */
    private static final String NAME = "(\"[^\"]+\"|[\\w$.\"{}]+)";
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)^CREATE (?:(?:GLOBAL |LOCAL )?(?:TEMP|TEMPORARY|UNLOGGED) )?TABLE (?:IF NOT EXISTS )?" + NAME);
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "(?i)^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?(?:" + NAME + " )?ON (?:ONLY )?" + NAME);
    private static final Pattern BEGIN = Pattern.compile("(?i)^(BEGIN|START TRANSACTION)\\b");
    private static final Pattern END = Pattern.compile("(?i)^(COMMIT|END|ROLLBACK|ABORT)\\b");
    private static final Pattern DROP_TABLE = Pattern.compile("(?i)^DROP TABLE (?:IF EXISTS )?(.*?)(?: CASCADE| RESTRICT)?$");
    private static final Pattern ALTER_TABLE = Pattern.compile("(?i)^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + NAME + " (?:\\* )?");

    private static final Pattern DROP_CONSTRAINT = Pattern.compile("(?i)^DROP CONSTRAINT\\b");
    private static final Pattern DROP_COLUMN = Pattern.compile("(?i)^DROP (?:COLUMN )?(?:IF EXISTS )?" + NAME);
    private static final Pattern RENAME_TABLE = Pattern.compile("(?i)^RENAME TO\\b");
    private static final Pattern RENAME_CONSTRAINT = Pattern.compile("(?i)^RENAME CONSTRAINT\\b");
    private static final Pattern RENAME_COLUMN = Pattern.compile("(?i)^RENAME (?:COLUMN )?" + NAME + " TO\\b");
    private static final Pattern ALTER_TYPE = Pattern.compile("(?i)^ALTER (?:COLUMN )?" + NAME + " (?:SET DATA )?TYPE\\b");
    private static final Pattern SET_NOT_NULL = Pattern.compile("(?i)^ALTER (?:COLUMN )?" + NAME + " SET NOT NULL\\b");
    private static final Pattern ADD_CONSTRAINT = Pattern.compile(
            "(?i)^ADD (?:CONSTRAINT " + NAME + " )?(FOREIGN KEY|CHECK|UNIQUE|PRIMARY KEY|EXCLUDE)\\b");
    private static final Pattern ADD_COLUMN = Pattern.compile("(?i)^ADD (?:COLUMN )?(?:IF NOT EXISTS )?" + NAME + " (.*)$");

    private static final Pattern NOT_VALID = Pattern.compile("(?i)\\bNOT VALID\\b");
    private static final Pattern USING_INDEX = Pattern.compile("(?i)\\bUSING INDEX\\b");
    private static final Pattern NOT_NULL = Pattern.compile("(?i)\\bNOT NULL\\b");
    private static final Pattern DEFAULT = Pattern.compile("(?i)\\bDEFAULT\\b");
    private static final Pattern REFERENCES = Pattern.compile("(?i)\\bREFERENCES\\b");
    private static final Pattern UNIQUE_OR_PRIMARY = Pattern.compile("(?i)\\b(UNIQUE|PRIMARY KEY)\\b");
    /**
     * Column definitions Postgres must compute row by row, rewriting the table: volatile functions,
     * serial types (a nextval() default) and identity or stored generated columns. Stable functions
     * such as now() are evaluated once and stored (Postgres 11+), so they are not listed.
     */
    static final Pattern VOLATILE = Pattern.compile(
            "(?i)\\b(?:random|gen_random_uuid|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|clock_timestamp"
                    + "|timeofday|nextval)\\s*\\(|\\b(?:small|big)?serial[248]?\\b|\\bGENERATED\\b");

    private SqlRules() {
    }

    static void check(final SqlSource source, final MigrationScan scan) {
        source.comments().forEach(scan::comment);
        for (SqlSource.Statement statement : source.statements()) {
            check(statement, scan);
        }
    }

    private static void check(final SqlSource.Statement statement, final MigrationScan scan) {
        var text = statement.text();
        var line = statement.line();
        var found = statement.display();
        Matcher m;
        if (BEGIN.matcher(text).find() || END.matcher(text).find()) {
            scan.transaction(BEGIN.matcher(text).find());
        }
        else if ((m = CREATE_TABLE.matcher(text)).find()) {
            scan.tableCreated(m.group(1));
        }
        else if ((m = CREATE_INDEX.matcher(text)).find()) {
            if (m.group(1) != null && scan.inTransaction()) {
                scan.report(line, Rule.CONCURRENT_INDEX_IN_TRANSACTION, found);
            }
            else if (m.group(1) == null && !scan.isNew(m.group(3))) {
                scan.report(line, Rule.NON_CONCURRENT_INDEX, found);
            }
        }
        else if ((m = DROP_TABLE.matcher(text)).find()) {
            for (String table : m.group(1).split(" , ")) {
                if (!scan.isNew(table)) {
                    scan.report(line, Rule.DROP_TABLE, found);
                    return;
                }
            }
        }
        else if ((m = ALTER_TABLE.matcher(text)).find()) {
            if (!scan.isNew(m.group(1))) {
                for (String action : actions(text.substring(m.end()))) {
                    checkAction(action, line, found, scan);
                }
            }
        }
    }

    private static void checkAction(final String action, final int line, final String found, final MigrationScan scan) {
        Matcher m;
        if (DROP_CONSTRAINT.matcher(action).find() || RENAME_CONSTRAINT.matcher(action).find()) {
            return;
        }
        if (RENAME_TABLE.matcher(action).find()) {
            scan.report(line, Rule.RENAME_TABLE, found);
        }
        else if (RENAME_COLUMN.matcher(action).find()) {
            scan.report(line, Rule.RENAME_COLUMN, found);
        }
        else if (DROP_COLUMN.matcher(action).find()) {
            scan.report(line, Rule.REMOVE_COLUMN, found);
        }
        else if (ALTER_TYPE.matcher(action).find()) {
            scan.report(line, Rule.CHANGE_COLUMN_TYPE, found);
        }
        else if (SET_NOT_NULL.matcher(action).find()) {
            scan.report(line, Rule.SET_NOT_NULL, found);
        }
        else if ((m = ADD_CONSTRAINT.matcher(action)).find()) {
            var kind = m.group(2).toUpperCase(Locale.ROOT);
            var notValid = NOT_VALID.matcher(action).find();
            if (kind.equals("FOREIGN KEY") && !notValid) {
                scan.report(line, Rule.ADD_FOREIGN_KEY, found);
            }
            else if (kind.equals("CHECK") && !notValid) {
                scan.report(line, Rule.ADD_CHECK_CONSTRAINT, found);
            }
            else if ((kind.equals("UNIQUE") || kind.equals("PRIMARY KEY")) && !USING_INDEX.matcher(action).find()) {
                scan.report(line, Rule.NON_CONCURRENT_INDEX, found);
            }
        }
        else if ((m = ADD_COLUMN.matcher(action)).find()) {
            checkColumn(m.group(2), line, found, scan);
        }
    }

    private static void checkColumn(final String definition, final int line, final String found, final MigrationScan scan) {
        if (VOLATILE.matcher(definition).find()) {
            scan.report(line, Rule.VOLATILE_DEFAULT, found);
        }
        else if (NOT_NULL.matcher(definition).find() && !DEFAULT.matcher(definition).find()) {
            scan.report(line, Rule.ADD_NOT_NULL_COLUMN, found);
        }
        if (REFERENCES.matcher(definition).find()) {
            scan.report(line, Rule.ADD_FOREIGN_KEY, found);
        }
        if (UNIQUE_OR_PRIMARY.matcher(definition).find()) {
            scan.report(line, Rule.NON_CONCURRENT_INDEX, found);
        }
    }

    /** The comma-separated actions of an ALTER TABLE; commas inside parentheses belong to their action. */
    private static List<String> actions(final String text) {
        var actions = new ArrayList<String>();
        var depth = 0;
        var current = new StringBuilder();
        for (String token : text.split(" ")) {
            if (token.equals("(")) {
                depth++;
            }
            else if (token.equals(")")) {
                depth--;
            }
            if (token.equals(",") && depth == 0) {
                actions.add(current.toString().strip());
                current.setLength(0);
            }
            else {
                current.append(token).append(' ');
            }
        }
        actions.add(current.toString().strip());
        return actions;
    }
}
