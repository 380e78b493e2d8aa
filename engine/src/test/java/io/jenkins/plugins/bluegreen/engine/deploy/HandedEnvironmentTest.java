package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.api.DeployEngine;
import io.jenkins.plugins.bluegreen.engine.api.DeployEnvironment;
import io.jenkins.plugins.bluegreen.engine.api.DeployRequest;
import io.jenkins.plugins.bluegreen.engine.api.SshAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine reads the variables a config refers to from the environment the front end hands over
 * and from nowhere else, through the calls the Jenkins steps make: a deploy step's environment
 * (with what {@code withCredentials} bound) reaches the deploy, and the agent's own process
 * environment never does.
 */
class HandedEnvironmentTest {
    @TempDir
    Path workspace;

    private void config(final String... extra) throws IOException {
        var file = workspace.resolve("config/deploy.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", "service: shop", "image: registry.example/shop",
                "servers: [127.0.0.1]", "ssh: {port: 1}", String.join("\n", extra), ""));
        Files.writeString(workspace.resolve("config/deploy.production.yml"),
                String.join("\n", "env:", "  secret: [PRODUCTION_DB_PASSWORD]", ""));
    }

    @Test
    void shouldNameEveryVariableTheConfigAndItsDestinationReferTo() throws IOException {
        config("registry: {server: registry.example, username: $REGISTRY_USER, password: $REGISTRY_PASSWORD}",
                "env:", "  clear: {RAILS_ENV: production, HOSTNAME: $HOSTNAME}", "  secret: [APP_SECRET]");

        var engine = DeployEngine.load();

        assertThat(engine.environmentNames("config/deploy.yml", null, workspace))
                .containsExactlyInAnyOrder("REGISTRY_USER", "REGISTRY_PASSWORD", "HOSTNAME", "APP_SECRET");
        assertThat(engine.environmentNames("config/deploy.yml", "production", workspace))
                .contains("PRODUCTION_DB_PASSWORD");
    }

    /** A key JSch can read; no host ever sees it. */
    private static String privateKey() throws JSchException {
        var out = new ByteArrayOutputStream();
        KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256).writePrivateKey(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Inside {@code node} a step's environment starts from the agent's process environment (as here:
     * this process's), so PATH is in it with the machine's value; the deploy must still not read it.
     */
    @Test
    void shouldNeverReadTheMachinesOwnProcessEnvironment() throws IOException, JSchException {
        assertThat(System.getenv("PATH")).isNotNull();
        config("registry: {server: registry.example, username: deploy-bot, password: $PATH}");
        var engine = DeployEngine.load();
        var handed = DeployEnvironment.of(System.getenv(), Set.of(),
                engine.environmentNames("config/deploy.yml", null, workspace), System.getenv());
        var ssh = new SshAccess("deploy-key", "deploy", List.of(privateKey()), null,
                "127.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB4s");

        assertThatThrownBy(() -> engine.stage(new DeployRequest(null, null, "v2", "alice", false, null, null), ssh,
                workspace, handed, e -> { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("environment variable PATH is not set");
    }

    /** The registry password the step hands over is the one the deploy resolves: it goes on to the hosts (none here). */
    @Test
    void shouldResolveTheRegistryPasswordFromWhatTheStepHandedOver() throws IOException, JSchException {
        config("registry: {server: registry.example, username: deploy-bot, password: $BG_REGISTRY_PASSWORD}");
        var engine = DeployEngine.load();
        var handed = DeployEnvironment.of(Map.of("BG_REGISTRY_PASSWORD", "ghp_handedToken"), Set.of("BG_REGISTRY_PASSWORD"),
                engine.environmentNames("config/deploy.yml", null, workspace), System.getenv());
        var ssh = new SshAccess("deploy-key", "deploy", List.of(privateKey()), null,
                "127.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB4s");

        assertThatThrownBy(() -> engine.stage(new DeployRequest(null, null, "v2", "alice", false, null, null), ssh,
                workspace, handed, e -> { }))
                .as("past the registry check, which runs before any host is touched; stopped at the host")
                .isInstanceOf(DeployFailedException.class).hasMessageContaining("cannot connect")
                .hasMessageNotContaining("ghp_handedToken");
    }
}
