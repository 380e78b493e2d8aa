package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the lint over the fixture migrations. Each unsafe fixture marks the line of every statement
 * the lint must catch with an {@code expect: rule-id} comment; safe fixtures carry no marker and
 * must pass clean.
 */
class MigrationLintTest {
    private static final Pattern EXPECT = Pattern.compile("expect: ([\\w-]+(?:, [\\w-]+)*)");

    record Expected(int line, String rule) {
    }

    static Stream<Path> unsafe() throws Exception {
        return Stream.concat(MigrationFiles.in(fixtures("rails/unsafe")).stream(),
                MigrationFiles.in(fixtures("sql/unsafe")).stream());
    }

    static Stream<Path> safe() throws Exception {
        return Stream.concat(MigrationFiles.in(fixtures("rails/safe")).stream(),
                MigrationFiles.in(fixtures("sql/safe")).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafe")
    void shouldCatchEveryUnsafeStatementWithItsRuleAndLine(final Path fixture) throws IOException {
        var report = MigrationLint.lint(List.of(fixture), Policy.FAIL);

        assertThat(report.findings())
                .extracting(f -> new Expected(f.line(), f.rule().id()))
                .containsExactlyInAnyOrderElementsOf(expectations(fixture))
                .isNotEmpty();
        assertThat(report.failed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("safe")
    void shouldPassEverySafeMigration(final Path fixture) {
        var report = MigrationLint.lint(List.of(fixture), Policy.FAIL);

        assertThat(report.findings()).isEmpty();
        assertThat(report.failed()).isFalse();
    }

    private static List<Expected> expectations(final Path fixture) throws IOException {
        var expected = new ArrayList<Expected>();
        var lines = Files.readAllLines(fixture);
        for (int i = 0; i < lines.size(); i++) {
            var m = EXPECT.matcher(lines.get(i));
            if (m.find()) {
                for (String rule : m.group(1).split(", ")) {
                    expected.add(new Expected(i + 1, rule));
                }
            }
        }
        return expected;
    }

    static Path fixtures(final String dir) throws URISyntaxException {
        return Path.of(MigrationLintTest.class.getResource("/fixtures/migrations/" + dir).toURI());
    }
}
