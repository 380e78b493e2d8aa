package io.jenkins.plugins.bluegreen.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestTools;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Host keys against real sshd servers: only what known_hosts lists is trusted, and refusals explain themselves. */
class HostKeyVerificationTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(2);

    private static SshConnector trusting(final String knownHosts) {
        return new SshConnector(BED.settings().withKnownHosts(knownHosts), SecretMask.none(), EventSink.discard());
    }

    private static String fingerprint(final int host) {
        var blob = Base64.getDecoder().decode(BED.hostKey(host).split(" ")[1]);
        return new PublicKey(blob).fingerprint();
    }

    /** The host as known_hosts names it: the test-bed hosts listen on port 22, which is not written. */
    private static String name(final int host) {
        return BED.host(host).name();
    }

    @Test
    void shouldRefuseAnUnknownHostKeyShowingItsFingerprintAndHowToTrustIt() {
        var onlyHostOne = name(1) + " " + BED.hostKey(1) + "\n";
        assertThatThrownBy(() -> trusting(onlyHostOne).connect(BED.host(0)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("it offered ssh-ed25519 key " + fingerprint(0) + ", which known_hosts does not list")
                .hasMessageContaining("\n  " + name(0) + " " + BED.hostKey(0) + "\n")
                .hasMessageContaining("(or collect the host's keys with `ssh-keyscan " + BED.host(0).name() + "`)");
    }

    @Test
    void shouldShowTheFingerprintSshKeygenShows() throws IOException, InterruptedException {
        var keygen = new ProcessBuilder("ssh-keygen", "-lf", BED.dir(0).resolve("ssh_host_ed25519_key.pub").toString())
                .redirectErrorStream(true).start();
        var out = new String(keygen.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(keygen.waitFor()).isZero();
        assertThat(out.split(" ")[1]).isEqualTo(fingerprint(0));
    }

    @Test
    void shouldNegotiateTheKeyTypeKnownHostsListsForTheHost() {
        var onlyEcdsa = name(0) + " " + BED.ecdsaHostKey(0) + "\n";
        trusting(onlyEcdsa).connect(BED.host(0)).close();
    }

    @Test
    void shouldRefuseAChangedHostKey() {
        var hostOneKeyUnderHostZerosName = name(0) + " " + BED.hostKey(1) + "\n";
        assertThatThrownBy(() -> trusting(hostOneKeyUnderHostZerosName).connect(BED.host(0)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("offered ssh-ed25519 key " + fingerprint(0) + ", but known_hosts lists ssh-ed25519 "
                        + fingerprint(1))
                .hasMessageContaining("intercepting");
    }

    @Test
    void shouldRefuseARevokedHostKeyEvenWhenItIsAlsoListedAsTrusted() {
        var revoked = BED.knownHosts() + "@revoked * " + BED.hostKey(0) + "\n";
        assertThatThrownBy(() -> trusting(revoked).connect(BED.host(0)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("which known_hosts marks @revoked");
        trusting(revoked).connect(BED.host(1)).close();
    }

    @Test
    void shouldTrustWhatSshKeyscanCollectedAfterSshKeygenHashedIt() throws IOException, InterruptedException {
        TestTools.require("ssh-keyscan");
        var file = BED.dir(0).resolve("known_hosts");
        var scan = new ProcessBuilder("ssh-keyscan", "-T", "5", "-p", String.valueOf(BED.host(0).port()),
                BED.host(0).name()).redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(scan.waitFor()).isZero();
        var hash = new ProcessBuilder("ssh-keygen", "-H", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(hash.waitFor()).isZero();
        var hashed = Files.readString(file);
        // OpenSSH 10's ssh-keyscan also writes the host's banner, as comment lines naming the host.
        assertThat(hashed.lines().filter(line -> !line.startsWith("#")).toList()).isNotEmpty()
                .allMatch(line -> line.startsWith("|1|")).noneMatch(line -> line.contains(BED.host(0).name()));
        try (var connection = trusting(hashed).connect(BED.host(0))) {
            assertThat(connection.run(Command.of("true"), OutputListener.discard(), Duration.ofSeconds(20)).ok()).isTrue();
        }
        assertThatThrownBy(() -> trusting(hashed).connect(BED.host(1)))
                .hasMessageContaining("which known_hosts does not list");
    }

    @Test
    void shouldCheckTheJumpHostsKeyToo() {
        var onlyTarget = name(1) + " " + BED.hostKey(1) + "\n";
        var settings = BED.settings().withKnownHosts(onlyTarget).withProxy(JumpHost.parse(BED.host(0).toString()));
        assertThatThrownBy(() -> new SshConnector(settings, SecretMask.none(), EventSink.discard()).connect(BED.host(1)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageStartingWith("jump host " + BED.host(0) + " for " + BED.host(1) + ": host key of " + name(0));
    }
}
