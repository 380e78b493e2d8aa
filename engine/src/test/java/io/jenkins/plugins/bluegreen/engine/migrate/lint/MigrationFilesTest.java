package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

class MigrationFilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldOrderMigrationsAsTheyRunNumberByNumber() throws IOException {
        create("V10__ten.sql", "V9__nine.sql", "V2_1__two_one.sql", "V2__two.sql", "R__views.sql", "README.md");

        assertThat(names(MigrationFiles.in(dir)))
                .containsExactly("V2__two.sql", "V2_1__two_one.sql", "V9__nine.sql", "V10__ten.sql", "R__views.sql");
    }

    @Test
    void shouldPickRailsMigrationsNewerThanTheDatabaseVersion() throws IOException {
        create("20250101000001_a.rb", "20250102000001_b.rb", "20250103000001_c.rb", "schema.rb.txt");

        assertThat(names(MigrationFiles.since(dir, "20250102000001"))).containsExactly("20250103000001_c.rb");
        assertThat(names(MigrationFiles.since(dir, "20241231000000")))
                .containsExactly("20250101000001_a.rb", "20250102000001_b.rb", "20250103000001_c.rb");
    }

    @Test
    void shouldAlwaysPickRepeatableMigrations() throws IOException {
        create("V1__one.sql", "V2__two.sql", "R__views.sql");

        assertThat(names(MigrationFiles.since(dir, "V1"))).containsExactly("V2__two.sql", "R__views.sql");
        assertThat(names(MigrationFiles.since(dir, "2"))).containsExactly("R__views.sql");
    }

    @Test
    void shouldReadVersionsFromRailsAndFlywayNames() {
        assertThat(MigrationFiles.version(Path.of("db/migrate/20250101000001_add_x.rb"))).contains("20250101000001");
        assertThat(MigrationFiles.version(Path.of("V2_1__add_x.sql"))).contains("2.1");
        assertThat(MigrationFiles.version(Path.of("R__views.sql"))).isEmpty();
    }

    @Test
    void shouldExplainAVersionItCannotRead() {
        assertThatThrownBy(() -> MigrationFiles.since(dir, "last-tuesday"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("migration version 'last-tuesday' is not a version; expected the number a migration file"
                        + " starts with, such as 20250101000001 (Rails) or 2.1 (Flyway V2_1__)");
    }

    @Test
    void shouldExplainAMissingDirectory() {
        assertThatThrownBy(() -> MigrationFiles.in(dir.resolve("db/migrate")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("migration directory " + dir.resolve("db/migrate")
                        + " does not exist; expected the folder holding the migrations, such as db/migrate");
    }

    @Test
    void shouldFindNamedFilesAsGivenOrInTheDirectory() throws IOException {
        create("20250101000001_a.rb", "notes.txt");

        assertThat(MigrationFiles.named(dir, List.of("20250101000001_a.rb")))
                .containsExactly(dir.resolve("20250101000001_a.rb"));
        assertThatThrownBy(() -> MigrationFiles.named(dir, List.of("notes.txt")))
                .hasMessage("migration file notes.txt is neither a Rails (.rb) nor an SQL (.sql) migration");
        assertThatThrownBy(() -> MigrationFiles.named(dir, List.of("20250101000002_b.rb")))
                .hasMessage("migration file 20250101000002_b.rb does not exist; expected a path to a .rb or .sql migration");
    }

    private void create(final String... names) throws IOException {
        for (String name : names) {
            Files.writeString(dir.resolve(name), "");
        }
    }

    private static List<String> names(final List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).toList();
    }
}
