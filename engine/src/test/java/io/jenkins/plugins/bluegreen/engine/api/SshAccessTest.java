package io.jenkins.plugins.bluegreen.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshAccessTest {
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
    private static final String KNOWN_HOSTS = "web-1.internal ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOx";

    @Test
    void shouldNeverShowKeyOrPassphraseInItsText() {
        var access = new SshAccess("deploy-key", "deploy", List.of(KEY), "hunter22", KNOWN_HOSTS);

        assertThat(access.toString())
                .isEqualTo("SshAccess[credentialsId=deploy-key, username=deploy, 1 key(s)]")
                .doesNotContain("hunter22", "b3BlbnNzaC1rZXktdjEAAAAA");
        assertThat(access.secrets()).containsExactly(KEY, "b3BlbnNzaC1rZXktdjEAAAAA", "hunter22");
    }

    @Test
    void shouldMaskAKeyHoweverItsLinesEnd() {
        var access = new SshAccess("deploy-key", "deploy", List.of(KEY.replace("\n", "\r\n") + "\n"), null, KNOWN_HOSTS);

        assertThat(access.secrets()).containsExactly(KEY.replace("\n", "\r\n"), "b3BlbnNzaC1rZXktdjEAAAAA");
    }

    @Test
    void shouldRequireAKey() {
        assertThatThrownBy(() -> new SshAccess("deploy-key", "deploy", List.of(" "), null, KNOWN_HOSTS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("credentialsId: expected SSH credentials holding a private key, got 'deploy-key' without one");
    }

    @Test
    void shouldRequireKnownHostsBecauseHostKeysAreAlwaysVerified() {
        assertThatThrownBy(() -> new SshAccess("deploy-key", null, List.of(KEY), null, "\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("known_hosts: expected the host keys of the deploy hosts");
    }

    @Test
    void shouldTakeTheUserFromTheConfigWhenNoneIsGiven() {
        assertThat(new SshAccess("deploy-key", " ", List.of(KEY), null, KNOWN_HOSTS).username()).isNull();
    }
}
