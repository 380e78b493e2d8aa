package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class OptOutTest {
    private static final Path RUBY = Path.of("db/migrate/20250301000001_drop_legacy.rb");
    private static final Path SQL = Path.of("db/migration/V7__drop_legacy.sql");

    @Test
    void shouldAllowTheNamedRuleWithItsReason() {
        var report = MigrationLint.lint(RUBY, Policy.FAIL, """
                # bluegreen:allow remove-column -- unused since v41
                remove_column :users, :legacy
                """);

        assertThat(report.findings()).isEmpty();
        assertThat(report.allowed()).extracting(AllowedFinding::describe)
                .containsExactly("db/migrate/20250301000001_drop_legacy.rb:2: remove-column: allowed -- unused since v41");
    }

    @Test
    void shouldReportAnOptOutWithoutReasonAndAllowNothing() {
        var report = MigrationLint.lint(SQL, Policy.FAIL, """
                -- bluegreen:allow remove-column
                ALTER TABLE users DROP COLUMN legacy;
                -- bluegreen:allow remove-column --\s
                """);

        assertThat(report.findings()).extracting(f -> f.line() + " " + f.rule().id())
                .containsExactly("1 opt-out-without-reason", "2 remove-column", "3 opt-out-without-reason");
        assertThat(report.allowed()).isEmpty();
    }

    @Test
    void shouldReportAnOptOutNamingAnUnknownRule() {
        var report = MigrationLint.lint(SQL, Policy.FAIL, """
                /* bluegreen:allow ban-drop-column -- squawk's name, not ours */
                ALTER TABLE users DROP COLUMN legacy;
                """);

        assertThat(report.findings()).extracting(f -> f.line() + " " + f.rule().id())
                .containsExactly("1 opt-out-unknown-rule", "2 remove-column");
    }

    @Test
    void shouldAllowOnlyTheRulesItNames() {
        var report = MigrationLint.lint(RUBY, Policy.FAIL, """
                class DropLegacy < ActiveRecord::Migration[8.0]
                  # bluegreen:allow rename-column, drop-table -- both renamed tables are read by no release
                  def change
                    rename_column :users, :a, :b
                    drop_table :old_things
                    remove_column :users, :c
                  end
                end
                """);

        assertThat(report.allowed()).extracting(a -> a.finding().rule()).containsExactly(Rule.RENAME_COLUMN, Rule.DROP_TABLE);
        assertThat(report.findings()).extracting(Finding::rule).containsExactly(Rule.REMOVE_COLUMN);
    }

    @Test
    void shouldNotLetAnOptOutSilenceTheOptOutRules() {
        var report = MigrationLint.lint(SQL, Policy.FAIL, """
                -- bluegreen:allow opt-out-without-reason -- because
                -- bluegreen:allow remove-column
                """);

        assertThat(report.findings()).extracting(f -> f.rule().id())
                .containsExactly("opt-out-unknown-rule", "opt-out-without-reason");
    }
}
