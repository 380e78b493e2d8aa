package io.jenkins.plugins.bluegreen.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which registries a host logs in to before a pull, and with what. */
class RegistryLoginTest {
    private static final ContainerCommands DOCKER = new ContainerCommands(ContainerRuntime.DOCKER, ".bluegreen");

    @TempDir
    Path dir;

    private Optional<RegistryLogin> login(final String... registryLines) throws IOException {
        var file = dir.resolve("config/deploy.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", "service: shop", "image: shop/app", "servers: [web-1]", "registry:",
                String.join("\n", registryLines), ""));
        return RegistryLogin.of(ConfigLoader.load(file, Optional.empty(), Map.of("TOKEN", "t0ken-from-env")::get));
    }

    @Test
    void shouldSkipTheLoginForALocalRegistryWithoutCredentials() throws IOException {
        assertThat(login("  server: localhost:5555")).isEmpty();
    }

    @Test
    void shouldLogInWithALiteralPasswordOnStdinOnly() throws IOException {
        var login = login("  server: registry.example.com", "  username: deploy", "  password: pw-literal").orElseThrow();

        assertThat(login.command(DOCKER).render()).isEqualTo("docker login registry.example.com -u deploy --password-stdin");
        assertThat(new String(login.stdin(), StandardCharsets.UTF_8)).isEqualTo("pw-literal");
    }

    @Test
    void shouldLogInWithAReferencedPassword() throws IOException {
        var login = login("  server: registry.example.com", "  username: deploy", "  password: [TOKEN]").orElseThrow();

        assertThat(new String(login.stdin(), StandardCharsets.UTF_8)).isEqualTo("t0ken-from-env");
    }
}
