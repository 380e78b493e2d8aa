package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class LintMigrationsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeMigrations() throws IOException {
        Files.writeString(dir.resolve("20250101000001_add_bio.rb"), """
                class AddBio < ActiveRecord::Migration[8.0]
                  def change
                    add_column :users, :bio, :text
                  end
                end
                """);
        Files.writeString(dir.resolve("20250102000001_drop_legacy.rb"), """
                class DropLegacy < ActiveRecord::Migration[8.0]
                  def change
                    remove_column :users, :legacy
                  end
                end
                """);
    }

    @Test
    void shouldFailWithFindingAndSafePatternByDefault() {
        assertThat(run("lint-migrations", "--dir", dir.toString())).isEqualTo(1);

        assertThat(out.toString().lines()).containsExactly(
                dir.resolve("20250102000001_drop_legacy.rb") + ":3: remove-column: remove_column :users, :legacy"
                        + " -- the release still serving reads and writes this column; its queries fail as soon as it is gone",
                "    safe: contract in a later release: first ship code that no longer uses the column (Rails:"
                        + " ignored_columns), deploy it, then remove the column in the release after",
                "1 unsafe operation in 2 migrations (failing)");
    }

    @Test
    void shouldPassWithWarningsUnderWarn() {
        assertThat(run("lint-migrations", "--dir", dir.toString(), "--warn")).isZero();
        assertThat(out.toString()).contains("remove-column").endsWith("1 unsafe operation in 2 migrations (warning only)\n");
    }

    @Test
    void shouldLintOnlyMigrationsNewerThanSince() {
        assertThat(run("lint-migrations", "--dir", dir.toString(), "--since", "20250102000001")).isZero();
        assertThat(out.toString()).isEqualTo("no unsafe operations in 0 migrations\n");
    }

    @Test
    void shouldLintOnlyTheNamedFiles() {
        assertThat(run("lint-migrations", "--fail", "--dir", dir.toString(), "20250101000001_add_bio.rb")).isZero();
        assertThat(out.toString()).isEqualTo("no unsafe operations in 1 migration\n");
    }

    @Test
    void shouldExitTwoOnBadInputWithoutStackTrace() {
        assertThat(run("lint-migrations", "--dir", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("lint-migrations: migration directory " + dir.resolve("nowhere")
                + " does not exist; expected the folder holding the migrations, such as db/migrate\n");

        assertThat(run("lint-migrations", "--dir", dir.toString(), "--since", "1", "x.rb")).isEqualTo(2);
        assertThat(run("lint-migrations", "--fail", "--warn")).isEqualTo(2);
    }

    private int run(final String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return new CommandLine(new BlueGreenCli())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
