package io.jenkins.plugins.bluegreen.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.LocalConnector;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;
import io.jenkins.plugins.bluegreen.engine.testbed.TestTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real podman on this machine; the "registry" is a loopback port nothing listens on. */
class ImagePullTest {
    private static final String PASSWORD = "s3cret-registry-token";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final ContainerCommands containers = new ContainerCommands(ContainerRuntime.PODMAN, ".bluegreen");
    private final List<String> steps = new ArrayList<>();
    private final int registryPort = ScriptedHttpServer.closedPort();

    @BeforeAll
    static void podman() {
        TestTools.require("podman");
    }

    @Test
    void shouldLeaveAHostThatHasTheImageAloneEvenWithARegistryConfigured() throws Exception {
        var image = TestImages.ensure(TestImages.V1);

        var result = pull(registry()).ensure(host(), image, steps::add);

        assertThat(result.ok()).isTrue();
        assertThat(steps).as("no login, no pull").isEmpty();
    }

    @Test
    void shouldLogInBeforePullingAnImageTheHostLacksAndStopWhenTheLoginFails() throws Exception {
        var image = "127.0.0.1:" + registryPort + "/bgtest-absent:v9";

        var result = pull(registry()).ensure(host(), image, steps::add);

        assertThat(result.ok()).isFalse();
        assertThat(result.command()).startsWith("podman login 127.0.0.1:" + registryPort + " -u deploy-bot")
                .doesNotContain(PASSWORD);
        assertThat(String.join("\n", result.stderrTail())).doesNotContain(PASSWORD);
        assertThat(steps).containsExactly("logging in to 127.0.0.1:" + registryPort + " as deploy-bot");
    }

    @Test
    void shouldPullWithoutLoggingInWhenNoRegistryIsConfigured() {
        var image = "127.0.0.1:" + registryPort + "/bgtest-absent:v9";

        var result = pull(Optional.empty()).ensure(host(), image, steps::add);

        assertThat(result.ok()).isFalse();
        assertThat(result.command()).isEqualTo("podman pull " + image);
        assertThat(steps).containsExactly("pulling " + image);
    }

    private ImagePull pull(final Optional<RegistryLogin> registry) {
        return new ImagePull(containers, registry, TIMEOUT);
    }

    private Optional<RegistryLogin> registry() throws Exception {
        var file = dir.resolve("deploy.yml");
        Files.writeString(file, String.join("\n",
                "service: pulltest",
                "image: bgtest-absent",
                "servers: [app-1]",
                "registry:",
                "  server: 127.0.0.1:" + registryPort,
                "  username: deploy-bot",
                "  password: $BG_REGISTRY_PASSWORD",
                ""));
        var registry = RegistryLogin.of(ConfigLoader.load(file, Optional.empty(),
                Map.of("BG_REGISTRY_PASSWORD", PASSWORD)::get));
        assertThat(registry).isPresent();
        return registry;
    }

    private Connection host() {
        return new LocalConnector(SecretMask.of(List.of(PASSWORD))).connect(new Host("app-1", 0));
    }
}
