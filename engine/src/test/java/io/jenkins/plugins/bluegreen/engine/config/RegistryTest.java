package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry forms Kamal accepts: credentials as references or written out, and a local registry without any. */
class RegistryTest {
    @TempDir
    Path dir;

    private ConfigFixture files() {
        return new ConfigFixture(dir);
    }

    @Test
    void shouldLoadALiteralPasswordWithAWarningNamingTheLineAndMaskIt() {
        var f = files().minimal("registry:", "  server: registry.example.com", "  username: me",
                "  password: hunter2-literal");

        var loaded = f.load();

        assertThat(loaded.config().registry().orElseThrow().credentials().orElseThrow().password())
                .isEqualTo(new ConfigValue.Literal("hunter2-literal"));
        assertThat(loaded.warnings()).containsExactly(f.name("config/deploy.yml") + ":8:3: registry/password: the"
                + " password is written in the file (it is masked in all output, but the file lives in git); use an"
                + " environment reference like $REGISTRY_PASSWORD or [REGISTRY_PASSWORD]");
        assertThat(loaded.secretMask().apply("login as me with hunter2-literal")).isEqualTo("login as me with "
                + SecretMask.MASK);
        assertThat(ConfigJson.render(loaded.config()).toString()).doesNotContain("hunter2")
                .contains("\"password\":\"" + SecretMask.MASK + "\"");
    }

    @Test
    void shouldLoadALocalRegistryWithoutCredentialsAndSayItIsNotForwarded() {
        var f = files().minimal("registry:", "  server: localhost:5555");

        var loaded = f.load();

        assertThat(loaded.config().registry()).contains(new Registry("localhost:5555", Optional.empty()));
        assertThat(loaded.warnings()).containsExactly(f.name("config/deploy.yml") + ":6:3: registry/server: a local"
                + " registry; Kamal forwards it to each host over SSH, blue-green deploys do not: each host pulls from its"
                + " own localhost:5555, without logging in");
        assertThat(ConfigJson.render(loaded.config()).get("registry").toString()).isEqualTo("{\"server\":\"localhost:5555\"}");
    }

    @Test
    void shouldRequireCredentialsForAnyOtherRegistry() {
        var f = files().minimal("registry:", "  server: ghcr.io");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:5:1: registry/username: expected a value or an environment reference like $NAME,"
                        + " got nothing (only a local registry such as localhost:5555 may go without credentials)",
                "DIR/config/deploy.yml:5:1: registry/password: expected a value or an environment reference like $NAME,"
                        + " got nothing (only a local registry such as localhost:5555 may go without credentials)");
    }

    @Test
    void shouldRefuseAServerThatIsNoHostName() {
        var f = files().minimal("registry:", "  server: \"ghcr.io; id\"", "  username: me", "  password: $TOKEN");

        assertThat(f.problems()).containsExactly("DIR/config/deploy.yml:6:3: registry/server: expected a registry host"
                + " name with an optional :port, like ghcr.io or localhost:5555, got 'ghcr.io; id'");
    }
}
