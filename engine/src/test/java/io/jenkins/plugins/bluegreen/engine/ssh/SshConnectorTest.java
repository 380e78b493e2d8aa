package io.jenkins.plugins.bluegreen.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.FreePorts;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SshConnectorTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(3);

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(TestBed.KeyType.class)
    void shouldLogInWithEveryKeyType(final TestBed.KeyType type) {
        var connector = new SshConnector(BED.settings().withKeys(List.of(BED.key(type))), SecretMask.none(),
                EventSink.discard());
        try (var connection = connector.connect(BED.host(0))) {
            var result = connection.run(Command.of("echo", "hello"), OutputListener.discard(), TIMEOUT);
            assertThat(result.ok()).isTrue();
            assertThat(result.stdout()).isEqualTo("hello");
        }
    }

    @Test
    void shouldLogInWithAnEncryptedKeyAndNeverShowItsPassphrase() {
        var connector = new SshConnector(BED.settings().withKeys(List.of(BED.encryptedKey())), SecretMask.none(),
                EventSink.discard());
        try (var connection = connector.connect(BED.host(1))) {
            var result = connection.run(Command.of("echo", BED.passphrase()), OutputListener.discard(), TIMEOUT);
            assertThat(result.stdout()).isEqualTo(SecretMask.MASK);
            assertThat(result.command()).doesNotContain(BED.passphrase());
        }
    }

    @Test
    void shouldRefuseAnEncryptedKeyWithoutItsPassphrase() {
        var key = new SshKey("deploy-key", BED.encryptedKey().privateKey(), null);
        assertThatThrownBy(() -> new SshConnector(BED.settings().withKeys(List.of(key)), SecretMask.none(),
                EventSink.discard()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("ssh key deploy-key: the key is encrypted; expected its passphrase, got none");
        var wrong = SshKey.of("deploy-key", new String(BED.encryptedKey().privateKey(), StandardCharsets.UTF_8), "wrong");
        assertThatThrownBy(() -> new SshConnector(BED.settings().withKeys(List.of(wrong)), SecretMask.none(),
                EventSink.discard()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("ssh key deploy-key: the passphrase given does not decrypt the key");
    }

    @Test
    void shouldRefuseKeyMaterialThatIsNoKey() {
        var key = SshKey.of("deploy-key", "not a key", null);
        assertThatThrownBy(() -> new SshConnector(BED.settings().withKeys(List.of(key)), SecretMask.none(),
                EventSink.discard()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("ssh key deploy-key: expected an RSA, ECDSA or Ed25519 private key");
    }

    @Test
    void shouldStreamLinesTaggedWithTheHostAndReturnExitAndDuration() {
        var lines = Collections.synchronizedList(new ArrayList<String>());
        OutputListener listener = (host, stream, line) -> lines.add(host + " " + stream + " " + line);
        try (var connection = BED.connector().connect(BED.host(0))) {
            var result = connection.run(Command.of("sh", "-c", "echo one; echo two >&2; echo three; exit 3"),
                    listener, TIMEOUT);
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.stdout()).isEqualTo("one\nthree");
            assertThat(result.stderrTail()).containsExactly("two");
            assertThat(result.duration()).isPositive();
            assertThat(lines).contains(BED.host(0) + " STDOUT one", BED.host(0) + " STDERR two",
                    BED.host(0) + " STDOUT three");
            assertThatThrownBy(result::orThrow).isInstanceOf(DeployFailedException.class)
                    .hasMessageContaining("exited with 3").hasMessageContaining("two");
        }
    }

    @Test
    void shouldReuseOneConnectionForManyCommands() {
        try (var connection = BED.connector().connect(BED.host(0))) {
            // sshd sets SSH_CONNECTION to the client's address and port: one TCP connection, one value.
            var seen = new java.util.HashSet<String>();
            for (int i = 0; i < 10; i++) {
                seen.add(connection.run(Command.of("sh", "-c", "echo \"$SSH_CONNECTION\""), OutputListener.discard(),
                        TIMEOUT).orThrow().stdout());
            }
            assertThat(seen).singleElement().asString().startsWith(BED.gateway() + " ");
        }
    }

    @Test
    void shouldFeedStdinSoSecretsNeverTouchACommandLine() {
        var secret = "s3cr3t-" + System.nanoTime();
        try (var connection = new SshConnector(BED.settings(), SecretMask.of(List.of(secret)), EventSink.discard())
                .connect(BED.host(2))) {
            var file = BED.dir(2).resolve("home/env").toString();
            connection.run(Command.of("sh", "-c", "umask 077; cat > \"$1\"", "sh", file),
                    ("DB_PASSWORD=" + secret + "\n").getBytes(StandardCharsets.UTF_8), OutputListener.discard(),
                    TIMEOUT).orThrow();
            var back = connection.run(Command.of("cat", file), OutputListener.discard(), TIMEOUT);
            assertThat(back.stdout()).isEqualTo("DB_PASSWORD=" + SecretMask.MASK);
        }
    }

    @Test
    void shouldEndACommandThatReadsStdinWhenNoneIsGiven() {
        try (var connection = BED.connector().connect(BED.host(0))) {
            assertThat(connection.run(Command.of("cat"), OutputListener.discard(), TIMEOUT).stdout()).isEmpty();
        }
    }

    @Test
    void shouldKillACommandThatOutlivesItsTimeout() {
        try (var connection = BED.connector().connect(BED.host(0))) {
            var marker = BED.dir(0).resolve("home/survived").toString();
            assertThatThrownBy(() -> connection.run(Command.of("sh", "-c", "sleep 3; touch \"$1\"", "sh", marker),
                    OutputListener.discard(), Duration.ofMillis(500)))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessageContaining("did not finish within 500ms and was killed");
            // The connection survives a killed command.
            assertThat(connection.run(Command.of("echo", "still here"), OutputListener.discard(), TIMEOUT).stdout())
                    .isEqualTo("still here");
        }
    }

    @Test
    void shouldForwardALocalPortToAPortOnTheHost() throws Exception {
        // A service on the host, reached through the tunnel at the host's own 127.0.0.1.
        int port = FreePorts.forContainer();
        var service = BED.onHost(1, "busybox", "nc", "-ll", "-p", String.valueOf(port),
                "-e", "echo", "through the tunnel").start();
        try (var connection = BED.connector().connect(BED.host(1)); var tunnel = connection.forward(port)) {
            var answer = "";
            for (int attempt = 0; attempt < 50 && answer.isEmpty(); attempt++) {
                // Until the service listens, the host refuses and the tunnel closes at once.
                try (var client = new Socket("127.0.0.1", tunnel.localPort()); InputStream in = client.getInputStream()) {
                    client.setSoTimeout(10_000);
                    answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (answer.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            assertThat(answer).isEqualTo("through the tunnel\n");
        }
        finally {
            service.destroyForcibly().waitFor();
        }
    }

    @Test
    void shouldReachAHostThroughAJumpHost() {
        var bastion = BED.host(0);
        var settings = BED.settings().withProxy(JumpHost.parse("root@" + bastion));
        try (var connection = new SshConnector(settings, SecretMask.none(), EventSink.discard()).connect(BED.host(1))) {
            var sessionsOnBastion = BED.sessions(0).size();
            assertThat(connection.run(Command.of("echo", "behind the bastion"), OutputListener.discard(), TIMEOUT)
                    .stdout()).isEqualTo("behind the bastion");
            assertThat(sessionsOnBastion).isPositive();
        }
    }

    @Test
    void shouldWarnOnEveryConnectionWhenHostKeyVerificationIsOff() {
        var events = Collections.synchronizedList(new ArrayList<Event>());
        var connector = new SshConnector(BED.settings().withoutHostKeyVerification().withKnownHosts(""),
                SecretMask.none(), events::add);
        connector.connect(BED.host(0)).close();
        connector.connect(BED.host(0)).close();
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.level()).isEqualTo(Event.Level.WARNING);
            assertThat(e.message()).startsWith("host key verification is OFF: accepted ssh-ed25519 SHA256:")
                    .contains("(known_hosts: unknown)");
        });
    }
}
