package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class SqlSourceTest {
    @Test
    void shouldSplitStatementsOnlyOnSemicolonsOutsideStringsCommentsAndDollarQuotes() {
        var source = SqlSource.parse("""
                -- a comment; with a semicolon
                INSERT INTO t VALUES ('a;b', E'it\\'s;', "odd;name");
                CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
                /* one; /* nested; */ two; */ SELECT 2
                """, 1);

        assertThat(source.statements()).extracting(SqlSource.Statement::line, SqlSource.Statement::text)
                .containsExactly(
                        tuple(2, "INSERT INTO t VALUES ( '?' , '?' , \"odd;name\" )"),
                        tuple(3, "CREATE FUNCTION f ( ) RETURNS int AS '?' LANGUAGE sql"),
                        tuple(4, "SELECT 2"));
        assertThat(source.comments()).extracting(SourceComment::text)
                .containsExactly(" a comment; with a semicolon", " one; /* nested; */ two; ");
    }

    @Test
    void shouldNumberLinesFromWhereTheSqlSitsInItsFile() {
        var source = SqlSource.parse("\n  ALTER TABLE users\n    DROP COLUMN a;\nDROP TABLE b;", 10);

        assertThat(source.statements()).extracting(SqlSource.Statement::line).containsExactly(11, 13);
        assertThat(source.statements().get(0).display()).isEqualTo("ALTER TABLE users DROP COLUMN a");
    }

    @Test
    void shouldKeepQualifiedQuotedAndPlaceholderNamesWhole() {
        var source = SqlSource.parse("ALTER TABLE \"Sales\".\"Orders\", ${schema}.users, public.t", 1);

        assertThat(source.statements().get(0).tokens())
                .containsExactly("ALTER", "TABLE", "\"Sales\".\"Orders\"", ",", "${schema}.users", ",", "public.t");
    }
}
