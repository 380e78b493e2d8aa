package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.window.RepositoryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config path a pipeline names stays inside its workspace: not by an absolute path, not by '..',
 * and not through a symbolic link committed to the repository.
 */
class WorkspaceConfinementTest {
    private static final String CONFIG = String.join("\n", "service: shop", "image: registry.example/shop",
            "servers: [web-1.internal]", "x-bluegreen:", "  windows: unrestricted", "");
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmU"
            + " -----END OPENSSH PRIVATE KEY-----";

    @TempDir
    Path dir;
    private Path workspace;
    private Path outside;

    @BeforeEach
    void directories() throws IOException {
        workspace = Files.createDirectories(dir.resolve("workspace"));
        outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outside.resolve("deploy.yml"), CONFIG);
        Files.createDirectories(workspace.resolve("config"));
    }

    private LoadedConfig load(final String configFile, final String destination) {
        return ConfigLoader.loadInWorkspace(workspace, configFile, Optional.ofNullable(destination), name -> null);
    }

    @Test
    void shouldLoadAConfigInsideTheWorkspace() throws IOException {
        Files.writeString(workspace.resolve("config/deploy.yml"), CONFIG);

        assertThat(load("config/deploy.yml", null).config().service()).isEqualTo("shop");
    }

    @Test
    void shouldRefuseAnAbsolutePathAndDotDot() {
        assertThatThrownBy(() -> load(outside.resolve("deploy.yml").toString(), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("got the absolute path");
        assertThatThrownBy(() -> load("../elsewhere/deploy.yml", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("which climbs out of it with '..'");
    }

    @Test
    void shouldRefuseACommittedLinkToAFileOutside() throws IOException {
        Files.createSymbolicLink(workspace.resolve("config/deploy.yml"), outside.resolve("deploy.yml"));

        assertThatThrownBy(() -> load("config/deploy.yml", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("configFile: expected a file inside the workspace, got 'config/deploy.yml', which a"
                        + " symbolic link leads out of it");
    }

    @Test
    void shouldRefuseALinkedDirectoryOnTheWay() throws IOException {
        Files.createSymbolicLink(workspace.resolve("ops"), outside);

        assertThatThrownBy(() -> load("ops/deploy.yml", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("which a symbolic link leads out of it");
    }

    @Test
    void shouldRefuseADestinationOverlayThatLinksOut() throws IOException {
        Files.writeString(workspace.resolve("config/deploy.yml"), CONFIG);
        Files.writeString(outside.resolve("deploy.production.yml"), "servers: [db-1.internal]\n");
        Files.createSymbolicLink(workspace.resolve("config/deploy.production.yml"), outside.resolve("deploy.production.yml"));

        assertThatThrownBy(() -> load("config/deploy.yml", "production")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("destination: expected a file inside the workspace, got 'production'");
    }

    /** A file that parses as one value (a key pasted in place of the config) is described, never quoted. */
    @Test
    void shouldNeverQuoteAFileThatIsOneValue() throws IOException {
        Files.writeString(workspace.resolve("config/deploy.yml"), KEY + "\n");

        assertThatThrownBy(() -> load("config/deploy.yml", null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("got a single value").hasMessageNotContaining("b3BlbnNzaC1rZXktdjEAAAAABG5vbmU");
    }

    @Test
    void shouldReadTheRepositorysWindowsOnlyInsideTheWorkspace() throws IOException {
        assertThat(RepositoryPolicy.read(workspace, "config/deploy.yml", null)).as("no config").isEqualTo(RepositoryPolicy.NONE);

        Files.createSymbolicLink(workspace.resolve("config/deploy.yml"), outside.resolve("deploy.yml"));

        assertThatThrownBy(() -> RepositoryPolicy.read(workspace, "config/deploy.yml", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> RepositoryPolicy.read(workspace, "/etc/passwd", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("absolute path");
    }
}
