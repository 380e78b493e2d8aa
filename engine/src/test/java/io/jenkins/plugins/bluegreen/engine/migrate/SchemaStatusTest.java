package io.jenkins.plugins.bluegreen.engine.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class SchemaStatusTest {
    private static final List<Path> FILES = List.of(Path.of("db/migrate/20261101000000_a.rb"),
            Path.of("db/migrate/20261120000000_b.rb"), Path.of("db/migrate/20261124000000_c.rb"));

    @Test
    void shouldTakeTheLastLineAsTheVersion() {
        assertThat(SchemaStatus.parse("\n20261101000000\n").version()).isEqualTo("20261101000000");
        assertThat(SchemaStatus.parse("1\n2\n3\n").version()).isEqualTo("3");
        assertThat(SchemaStatus.parse("").version()).isNull();
    }

    @Test
    void shouldCountNewLinesOfAListing() {
        assertThat(SchemaStatus.parse("1\n2\n3").appliedSince(SchemaStatus.parse("1"), List.of())).contains(2);
        assertThat(SchemaStatus.parse("1\n2").appliedSince(SchemaStatus.parse("1\n2"), List.of())).contains(0);
    }

    @Test
    void shouldCountReleaseFilesBetweenTwoVersions() {
        var before = SchemaStatus.parse("20261101000000");
        assertThat(SchemaStatus.parse("20261124000000").appliedSince(before, FILES)).contains(2);
        assertThat(SchemaStatus.parse("20261124000000").appliedSince(SchemaStatus.parse(""), FILES)).contains(3);
        assertThat(SchemaStatus.parse("20261101000000").appliedSince(before, List.of())).contains(0);
    }

    @Test
    void shouldNotGuessWithoutFilesOrWithVersionsThatAreNotNumbers() {
        var before = SchemaStatus.parse("20261101000000");
        assertThat(SchemaStatus.parse("20261124000000").appliedSince(before, List.of())).isEmpty();
        assertThat(SchemaStatus.parse("abc").appliedSince(before, FILES)).isEmpty();
    }
}
