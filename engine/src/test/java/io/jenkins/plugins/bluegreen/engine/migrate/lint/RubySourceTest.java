package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class RubySourceTest {
    @Test
    void shouldJoinACallSplitOverLinesIntoOneStatementFromItsFirstLine() {
        var source = RubySource.parse("""
                add_index :orders,
                  [:customer_id,
                   :created_at],
                  algorithm: :concurrently # why: orders is large
                add_column :orders, :note, :text
                """);

        assertThat(source.statements()).extracting(s -> s.line() + " " + s.code()).containsExactly(
                "1 add_index :orders, [:customer_id, :created_at], algorithm: :concurrently",
                "5 add_column :orders, :note, :text");
        assertThat(source.comments()).extracting(SourceComment::line, SourceComment::text)
                .containsExactly(tuple(4, " why: orders is large"));
    }

    @Test
    void shouldKeepStringsOutOfTheCodeAndNoteInterpolation() {
        var source = RubySource.parse("execute \"DROP TABLE #{name} # not a comment\"; say 'it''s'\n");

        var execute = source.statements().get(0);
        assertThat(execute.code()).isEqualTo("execute «0»");
        assertThat(execute.literals().get(0).interpolated()).isTrue();
        assertThat(source.statements()).hasSize(2);
        assertThat(source.comments()).isEmpty();
    }

    @Test
    void shouldReadAHeredocBodyAsALiteralStartingOnItsFirstLine() {
        var source = RubySource.parse("""
                def up
                  execute <<~SQL.squish, "second"
                    ALTER TABLE users
                      DROP COLUMN legacy;
                  SQL
                  remove_index :users, :legacy
                end
                """);

        var execute = source.statements().get(1);
        assertThat(execute.code()).isEqualTo("execute «0».squish, «1»");
        assertThat(execute.literals().get(0).line()).isEqualTo(3);
        assertThat(execute.literals().get(0).value()).contains("DROP COLUMN legacy;");
        assertThat(source.statements().get(2).line()).isEqualTo(6);
    }

    @Test
    void shouldReadPercentLiteralsAndSkipBlockComments() {
        var source = RubySource.parse("""
                =begin
                drop_table :users
                =end
                execute %q{UPDATE t SET a = '{x}'}
                total = 10 % 3
                """);

        assertThat(source.statements()).extracting(RubySource.Statement::code)
                .containsExactly("execute «0»", "total = 10 % 3");
        assertThat(source.statements().get(0).literals().get(0).value()).isEqualTo("UPDATE t SET a = '{x}'");
        assertThat(source.statements().get(0).line()).isEqualTo(4);
    }

    @Test
    void shouldNotMistakeAPlaceholderMarkInTheCodeForALiteral() {
        var statement = RubySource.parse("execute «7»\n").statements().get(0);

        assertThat(statement.code()).isEqualTo("execute ?7»");
        assertThat(statement.display()).isEqualTo("execute ?7»");
    }
}
