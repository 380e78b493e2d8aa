package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Whatever text a string literal or a comment holds, it is never read as a statement. */
class LexerPropertiesTest {
    private static final String DANGER = "ALTER TABLE users DROP COLUMN email; remove_column :users, :email\n";

    @Property(tries = 300)
    void shouldNeverFlagWhatSitsInsideAnSqlStringLiteral(@ForAll @StringLength(max = 40) final String noise) {
        var literal = "'" + (noise + DANGER).replace("'", "''") + "'";
        var report = MigrationLint.lint(Path.of("V1__x.sql"), Policy.FAIL, "INSERT INTO audit (note) VALUES (" + literal + ");");

        assertThat(report.findings()).isEmpty();
    }

    @Property(tries = 300)
    void shouldNeverFlagWhatSitsInsideARubyStringOrComment(@ForAll @StringLength(max = 40) final String noise) {
        var text = (noise + DANGER).replace("\\", "").replace("'", "").replace("\n", " ");
        var report = MigrationLint.lint(Path.of("20250101000001_x.rb"), Policy.FAIL,
                "say '" + text + "'\n# " + text + "\nadd_column :users, :bio, :text\n");

        assertThat(report.findings()).isEmpty();
    }

    @Property(tries = 300)
    void shouldReadAnyTextWithoutFailing(@ForAll @StringLength(max = 200) final String text) {
        MigrationLint.lint(Path.of("V1__x.sql"), Policy.FAIL, text);
        MigrationLint.lint(Path.of("20250101000001_x.rb"), Policy.FAIL, text);
    }
}
