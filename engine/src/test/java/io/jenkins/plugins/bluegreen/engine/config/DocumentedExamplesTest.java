package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The complete examples in docs/configuration.md load, so the reference cannot drift from the loader. */
class DocumentedExamplesTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(# config/deploy\\.yml\n.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void shouldLoadEveryCompleteExampleOfTheReference() throws IOException {
        var examples = new ArrayList<String>();
        var m = YAML_BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            examples.add(m.group(1));
        }
        assertThat(examples).hasSize(2);

        for (String example : examples) {
            var file = dir.resolve("config/deploy.yml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, example);
            var loaded = ConfigLoader.load(file, Optional.empty(), Map.of("GHCR_USERNAME", "u", "GHCR_TOKEN", "t")::get);
            assertThat(loaded.warnings()).isEmpty();
        }
    }

    @Test
    void shouldDescribeTheSeedWithItsProductionDestination() throws IOException {
        var m = YAML_BLOCK.matcher(Files.readString(DOC));
        assertThat(m.find()).isTrue();
        var file = dir.resolve("config/deploy.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, m.group(1));

        var config = ConfigLoader.load(file, Optional.of("production"), Map.<String, String>of()::get).config();

        assertThat(config.primaryRole().options()).containsExactly(RunOption.of("cpus", "4"), RunOption.of("memory", "1024MB"));
        assertThat(config.primaryRole().hosts()).hasSize(3);
        assertThat(List.of(config.extension().ports().blue(), config.extension().ports().green())).containsExactly(3001, 3002);
    }
}
