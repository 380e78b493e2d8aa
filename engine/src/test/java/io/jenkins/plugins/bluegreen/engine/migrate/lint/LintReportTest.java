package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LintReportTest {
    private static final Path FILE = Path.of("db/migrate/20250301000001_drop_legacy.rb");
    private static final Finding FINDING = new Finding(FILE, 3, Rule.REMOVE_COLUMN, "remove_column :users,\n   :legacy");

    @Test
    void shouldDescribeAFindingLikeACompilerError() {
        assertThat(FINDING.describe()).isEqualTo("db/migrate/20250301000001_drop_legacy.rb:3: remove-column:"
                + " remove_column :users, :legacy -- the release still serving reads and writes this column;"
                + " its queries fail as soon as it is gone");
    }

    @Test
    void shouldFailOnlyUnderTheFailPolicy() {
        assertThat(new LintReport(Policy.FAIL, List.of(FILE), List.of(FINDING), List.of()).failed()).isTrue();
        assertThat(new LintReport(Policy.WARN, List.of(FILE), List.of(FINDING), List.of()).failed()).isFalse();
        assertThat(new LintReport(Policy.FAIL, List.of(FILE), List.of(), List.of()).failed()).isFalse();
    }

    @Test
    void shouldSummariseInOneLine() {
        var allowed = new AllowedFinding(FINDING, "unused since v41");
        assertThat(new LintReport(Policy.FAIL, List.of(FILE, FILE), List.of(FINDING), List.of()).summary())
                .isEqualTo("1 unsafe operation in 2 migrations (failing)");
        assertThat(new LintReport(Policy.WARN, List.of(FILE), List.of(FINDING, FINDING), List.of(allowed)).summary())
                .isEqualTo("2 unsafe operations in 1 migration, 1 allowed by opt-out (warning only)");
        assertThat(new LintReport(Policy.FAIL, List.of(FILE), List.of(), List.of(allowed)).summary())
                .isEqualTo("no unsafe operations in 1 migration, 1 allowed by opt-out");
    }

    @Test
    void shouldShortenLongStatementsToOneLine() {
        var sql = "ALTER TABLE users " + "ADD COLUMN c text, ".repeat(20);
        assertThat(new Finding(FILE, 1, Rule.REMOVE_COLUMN, sql).found()).hasSize(100).endsWith("...");
    }
}
