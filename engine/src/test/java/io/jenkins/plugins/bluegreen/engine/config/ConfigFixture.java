package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Config files written into a test's temporary directory, loaded with a fixed environment. */
final class ConfigFixture {
    private final Path dir;

    ConfigFixture(final Path dir) {
        this.dir = dir;
    }

    /** The base file, {@code config/deploy.yml}, as errors name it. */
    Path file() {
        return dir.resolve("config/deploy.yml");
    }

    /** The name errors use for {@code relative}, e.g. {@code /tmp/x/config/deploy.yml}. */
    String name(final String relative) {
        return dir.resolve(relative).toString();
    }

    ConfigFixture write(final String relative, final String... lines) {
        var path = dir.resolve(relative);
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, String.join("\n", lines) + "\n");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A base file with the settings every config needs, followed by {@code lines}. */
    ConfigFixture minimal(final String... lines) {
        var all = new java.util.ArrayList<>(List.of("service: shop", "image: shop/app", "servers:", "  - web-1.internal"));
        all.addAll(List.of(lines));
        return write("config/deploy.yml", all.toArray(String[]::new));
    }

    LoadedConfig load() {
        return load(null);
    }

    LoadedConfig load(final String destination) {
        return load(destination, Map.of("HOSTNAME", "deployer-1"));
    }

    private LoadedConfig load(final String destination, final Map<String, String> env) {
        return ConfigLoader.load(file(), Optional.ofNullable(destination), env::get);
    }

    DeployConfig config() {
        return load().config();
    }

    /** The problems loading reports, each with this fixture's directory shown as {@code DIR}. */
    List<String> problems(final String destination) {
        return problems(destination, Map.of("HOSTNAME", "deployer-1"));
    }

    /** The problems loading with {@code env} as the environment reports. */
    List<String> problems(final String destination, final Map<String, String> env) {
        var thrown = new ConfigException[1];
        assertThatThrownBy(() -> load(destination, env)).isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
        return thrown[0].problems().stream().map(p -> p.replace(dir.toString(), "DIR")).toList();
    }

    List<String> problems() {
        return problems(null);
    }
}
