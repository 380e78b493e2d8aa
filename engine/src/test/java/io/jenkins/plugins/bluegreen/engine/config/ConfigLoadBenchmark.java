package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How long loading the seed config takes; `config check` runs in CI on every push. Prints, never asserts time. */
@Tag("benchmark")
class ConfigLoadBenchmark {
    private static final int WARMUP = 200;
    private static final int RUNS = 2000;

    @Test
    void shouldPrintTheTimeToLoadTheSeedConfig() throws URISyntaxException {
        var file = Path.of(ConfigLoadBenchmark.class.getResource("/fixtures/seed/config/deploy.yml").toURI());
        Map<String, String> env = Map.of();
        for (int i = 0; i < WARMUP; i++) {
            ConfigLoader.load(file, Optional.of("production"), env::get);
        }
        long start = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            assertThat(ConfigLoader.load(file, Optional.of("production"), env::get).config().service()).isEqualTo("a2d2");
        }
        double micros = (System.nanoTime() - start) / 1000.0 / RUNS;
        System.out.printf("config load (seed, destination production): %.0f us per load over %d loads%n", micros, RUNS);
    }
}
