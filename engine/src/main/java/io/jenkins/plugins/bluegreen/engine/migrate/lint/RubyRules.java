package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for Rails migrations. Statements are read in their block context: a {@code down}
 * method only runs on rollback and is not checked; everything inside {@code create_table} concerns
 * a table no running release uses yet; calls inside {@code change_table} are checked as the
 * equivalent table-level call ({@code t.remove} as {@code remove_column}).
 */
final class RubyRules {
    private enum Scope { CHECKED, SKIPPED, NEW_TABLE, CHANGE_TABLE }

    private record Frame(Scope scope, String table) {
    }

    private static final Frame TOP = new Frame(Scope.CHECKED, null);
    private static final Pattern END = Pattern.compile("^end\\b");
    private static final Pattern OPENER = Pattern.compile("^(def|class|module|if|unless|case|while|until|begin|for)\\b");
    private static final Pattern ONE_LINER = Pattern.compile("\\bend$");
    private static final Pattern DO_BLOCK = Pattern.compile("\\bdo\\s*(\\|[^|]*\\|)?$");
    private static final Pattern DOWN = Pattern.compile("^(def (self\\.)?down\\b|\\w+\\.down\\b)");
    private static final Pattern WRAPPER = Pattern.compile("^(?:safety_assured|up_only)\\s*\\{(.*)\\}$");
    private static final Pattern TABLE_CALL = Pattern.compile("^\\w+\\.(\\w+)\\b.*");
    private static final Pattern LAMBDA = Pattern.compile("^(->|lambda\\b|proc\\b)");
    private static final Pattern STRING_METHODS = Pattern.compile("(\\.(squish|strip|chomp|freeze))+$");
    private static final Set<String> REMOVALS =
            Set.of("remove_column", "remove_columns", "remove_reference", "remove_belongs_to", "remove_timestamps");
    private static final Set<String> ROWWISE_TYPES = Set.of(":serial", ":bigserial", ":primary_key");

    private RubyRules() {
    }

    static void check(final RubySource source, final MigrationScan scan) {
        source.comments().forEach(scan::comment);
        scan.transaction(source.statements().stream().noneMatch(s -> s.code().equals("disable_ddl_transaction!")));
        Deque<Frame> frames = new ArrayDeque<>();
        for (RubySource.Statement statement : source.statements()) {
            var code = statement.code();
            var current = frames.isEmpty() ? TOP : frames.peek();
            if (END.matcher(code).find()) {
                frames.poll();
            }
            else if (OPENER.matcher(code).find() && !ONE_LINER.matcher(code).find()) {
                frames.push(DOWN.matcher(code).find() ? new Frame(Scope.SKIPPED, null) : current);
            }
            else if (DO_BLOCK.matcher(code).find()) {
                frames.push(block(statement, current, scan));
            }
            else if (current.scope() == Scope.CHECKED || current.scope() == Scope.CHANGE_TABLE) {
                checkStatement(statement, code, current, scan);
            }
        }
    }

    /** The scope a {@code do} block opens; its header call is checked like any statement. */
    private static Frame block(final RubySource.Statement header, final Frame current, final MigrationScan scan) {
        if (current.scope() == Scope.SKIPPED || current.scope() == Scope.NEW_TABLE || DOWN.matcher(header.code()).find()) {
            return current.scope() == Scope.NEW_TABLE ? current : new Frame(Scope.SKIPPED, null);
        }
        var call = RubyCall.parse(header.code());
        var table = call.argument(0);
        if (call.method().equals("create_table")) {
            checkCall(header, call, scan);
            return new Frame(Scope.NEW_TABLE, table);
        }
        if (call.method().equals("change_table") && table != null) {
            return scan.isNew(table) ? new Frame(Scope.NEW_TABLE, table) : new Frame(Scope.CHANGE_TABLE, table);
        }
        return current;
    }

    private static void checkStatement(final RubySource.Statement statement, final String code, final Frame current,
            final MigrationScan scan) {
        var wrapped = WRAPPER.matcher(code);
        if (wrapped.matches()) {
            checkStatement(statement, wrapped.group(1).strip(), current, scan);
            return;
        }
        if (DOWN.matcher(code).find()) {
            return;
        }
        var call = RubyCall.parse(code);
        if (current.scope() == Scope.CHANGE_TABLE) {
            var tableCall = TABLE_CALL.matcher(code);
            if (tableCall.matches()) {
                checkCall(statement, tableLevel(tableCall.group(1), call, current.table()), scan);
            }
            return;
        }
        checkCall(statement, call, scan);
    }

    /**
     * The table-level call a {@code change_table} block call stands for: {@code t.remove :x} is
     * {@code remove_column :users, :x}, and a column type ({@code t.string :x}) is an add_column.
     */
    private static RubyCall tableLevel(final String method, final RubyCall call, final String table) {
        return switch (method) {
            case "remove" -> call.on(table, "remove_column");
            case "rename" -> call.on(table, "rename_column");
            case "change" -> call.on(table, "change_column");
            case "index" -> call.on(table, "add_index");
            case "references", "belongs_to" -> call.on(table, "add_reference");
            case "timestamps" -> call.on(table, "add_timestamps");
            case "remove_references", "remove_belongs_to" -> call.on(table, "remove_reference");
            case "check_constraint" -> call.on(table, "add_check_constraint");
            case "foreign_key" -> call.on(table, "add_foreign_key");
            case "column" -> call.on(table, "add_column");
            case "remove_timestamps", "change_default", "remove_index", "rename_index", "remove_check_constraint",
                    "remove_foreign_key" -> call.on(table, method);
            default -> call.on(table, "add_column").withType(":" + method);
        };
    }

    private static void checkCall(final RubySource.Statement statement, final RubyCall call, final MigrationScan scan) {
        var method = call.method();
        var table = call.argument(0);
        var found = statement.display();
        var line = statement.line();
        if (method.equals("execute") || method.equals("exec_query")) {
            checkSql(statement, call, scan);
            return;
        }
        if (method.equals("create_table")) {
            var force = call.option("force");
            if (force != null && !force.equals("false") && !force.equals("nil")) {
                scan.report(line, Rule.CREATE_TABLE_FORCE, found);
            }
            if (table != null) {
                scan.tableCreated(table);
            }
            return;
        }
        if (table == null || scan.isNew(table)) {
            return;
        }
        if (REMOVALS.contains(method)) {
            scan.report(line, Rule.REMOVE_COLUMN, found);
        }
        else {
            switch (method) {
                case "drop_table" -> scan.report(line, Rule.DROP_TABLE, found);
                case "rename_column" -> scan.report(line, Rule.RENAME_COLUMN, found);
                case "rename_table" -> scan.report(line, Rule.RENAME_TABLE, found);
                case "change_column" -> scan.report(line, Rule.CHANGE_COLUMN_TYPE, found);
                case "add_index" -> checkIndex(call.option("algorithm"), line, found, scan);
                case "add_column" -> checkColumn(statement, call, call.argument(2), scan);
                case "add_timestamps" -> checkTimestamps(call, line, found, scan);
                case "add_reference", "add_belongs_to" -> checkReference(call, line, found, scan);
                case "change_column_null" -> {
                    if ("false".equals(call.argument(2))) {
                        scan.report(line, Rule.SET_NOT_NULL, found);
                    }
                }
                case "add_foreign_key" -> {
                    if (!call.optionIs("validate", "false")) {
                        scan.report(line, Rule.ADD_FOREIGN_KEY, found);
                    }
                }
                case "add_check_constraint" -> {
                    if (!call.optionIs("validate", "false")) {
                        scan.report(line, Rule.ADD_CHECK_CONSTRAINT, found);
                    }
                }
                default -> {
                    // Every other call (add_column nullable, change_column_default, data changes...) is safe
                    // for the release still serving.
                }
            }
        }
    }

    /** {@code how} is the index's algorithm option, or a reference's whole index option. */
    private static void checkIndex(final String how, final int line, final String found, final MigrationScan scan) {
        if (how == null || !how.contains("concurrently")) {
            scan.report(line, Rule.NON_CONCURRENT_INDEX, found);
        }
        else if (scan.inTransaction()) {
            scan.report(line, Rule.CONCURRENT_INDEX_IN_TRANSACTION, found);
        }
    }

    private static void checkColumn(final RubySource.Statement statement, final RubyCall call, final String type,
            final MigrationScan scan) {
        var line = statement.line();
        var found = statement.display();
        var defaultValue = call.option("default");
        if (ROWWISE_TYPES.contains(type) || isVolatile(defaultValue, statement)) {
            scan.report(line, Rule.VOLATILE_DEFAULT, found);
        }
        else if (call.optionIs("null", "false") && (defaultValue == null || defaultValue.equals("nil"))) {
            scan.report(line, Rule.ADD_NOT_NULL_COLUMN, found);
        }
    }

    /** A lambda default is an SQL expression Postgres evaluates; a plain value is a constant. */
    private static boolean isVolatile(final String defaultValue, final RubySource.Statement statement) {
        return defaultValue != null && LAMBDA.matcher(defaultValue).find()
                && SqlRules.VOLATILE.matcher(statement.resolve(defaultValue)).find();
    }

    private static void checkTimestamps(final RubyCall call, final int line, final String found, final MigrationScan scan) {
        // Since Rails 5 timestamps are NOT NULL unless told otherwise.
        if (!call.optionIs("null", "true") && call.option("default") == null) {
            scan.report(line, Rule.ADD_NOT_NULL_COLUMN, found);
        }
    }

    private static void checkReference(final RubyCall call, final int line, final String found, final MigrationScan scan) {
        // Since Rails 5 a reference gets an index unless index: false.
        var index = call.option("index");
        if (!"false".equals(index)) {
            checkIndex(index, line, found, scan);
        }
        var foreignKey = call.option("foreign_key");
        if (foreignKey != null && !foreignKey.equals("false") && !foreignKey.equals("nil")
                && !foreignKey.matches(".*validate:\\s*false.*")) {
            scan.report(line, Rule.ADD_FOREIGN_KEY, found);
        }
        if (call.optionIs("null", "false")) {
            scan.report(line, Rule.ADD_NOT_NULL_COLUMN, found);
        }
    }

    /** Raw SQL is checked with the SQL rules when it is a plain literal; anything built at run time cannot be. */
    private static void checkSql(final RubySource.Statement statement, final RubyCall call, final MigrationScan scan) {
        var argument = call.argument(0);
        var literal = argument == null || call.arguments().size() != 1
                ? null
                : statement.literal(STRING_METHODS.matcher(argument).replaceFirst(""));
        if (literal == null || literal.interpolated()) {
            scan.report(statement.line(), Rule.UNJUDGED_SQL, statement.display());
            return;
        }
        SqlRules.check(SqlSource.parse(literal.value(), literal.line()), scan);
    }
}
