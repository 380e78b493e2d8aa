package io.jenkins.plugins.bluegreen.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What goes wrong between us and a host, against real sshd servers. */
class SshFaultTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(3);

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void shouldReportAHostThatIsDown() throws Exception {
        var lonely = TestBed.hosts(1);
        lonely.start();
        try {
            var host = lonely.host(0);
            var connector = lonely.connector();
            lonely.down(0);
            assertThatThrownBy(() -> connector.connect(host))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessageStartingWith(host + ": cannot connect to port " + host.port() + " (Connection refused")
                    .hasMessageEndingWith("is sshd running there and the port right?");
        }
        finally {
            lonely.stop();
        }
    }

    @Test
    void shouldReportAKeyTheHostDoesNotAccept() throws Exception {
        var otherKey = BED.dir(1).resolve("ssh_host_ed25519_key");
        var stranger = SshKey.of("jenkins-deploy-key", java.nio.file.Files.readString(otherKey), null);
        var settings = BED.settings().withKeys(List.of(stranger));
        assertThatThrownBy(() -> new SshConnector(settings, SecretMask.none(), EventSink.discard()).connect(BED.host(0)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage(BED.host(0) + ": login as root refused: the host accepted none of the keys "
                        + "[jenkins-deploy-key]; add the public key to ~root/.ssh/authorized_keys on the host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"; rm -rf /", "$(touch /tmp/pwned)", "`id`", "it's \"quoted\"", "line one\nline two",
            "tab\there", "ünïcødé ✓ 雪", "$HOME ${PATH} \\ !! *", "-n", "'", "", "a\\nb"})
    void shouldPassHostileArgumentsThroughTheRemoteShellUnchanged(final String argument) {
        try (var connection = BED.connector().connect(BED.host(2))) {
            var result = connection.run(Command.of("printf", "%s\\n", argument), OutputListener.discard(), TIMEOUT);
            assertThat(result.ok()).isTrue();
            assertThat(result.stdout()).isEqualTo(argument);
        }
    }

    @Test
    void shouldKeepASecretOutOfEveryOutputResultAndError() {
        var secret = "hunter2-" + System.nanoTime();
        var lines = Collections.synchronizedList(new ArrayList<String>());
        OutputListener listener = (host, stream, line) -> lines.add(line);
        var connector = new SshConnector(BED.settings(), SecretMask.of(List.of(secret)), EventSink.discard());
        try (var connection = connector.connect(BED.host(1))) {
            var result = connection.run(Command.of("sh", "-c", "echo \"out $1\"; echo \"err $1\" >&2; exit 4", "sh", secret),
                    listener, TIMEOUT);
            var failure = catchThrowable(result::orThrow);
            var timeout = catchThrowable(() -> connection.run(Command.of("sh", "-c", "echo \"$1\" >&2; sleep 5", "sh",
                    secret), listener, Duration.ofMillis(700)));
            var everything = String.join("\n", lines) + result + failure.getMessage() + timeout.getMessage();
            assertThat(everything).doesNotContain(secret).contains("out " + SecretMask.MASK, "err " + SecretMask.MASK);
            assertThat(result.command()).isEqualTo("sh -c 'echo \"out $1\"; echo \"err $1\" >&2; exit 4' sh "
                    + SecretMask.MASK);
        }
    }

    @Test
    void shouldReportAConnectionDroppedMidCommand() throws Exception {
        try (var connection = BED.connector().connect(BED.host(0))) {
            var started = new CompletableFuture<Void>();
            OutputListener listener = (host, stream, line) -> started.complete(null);
            var run = CompletableFuture.supplyAsync(() -> connection.run(Command.of("sh", "-c", "echo started; sleep 30"),
                    listener, TIMEOUT));
            started.get(10, TimeUnit.SECONDS);
            // The sshd processes serving this connection die, as when a host crashes or the network
            // drops. OpenSSH 10 serves a connection with a tree (sshd-session and its unprivileged
            // child, which holds the socket), so the whole tree goes, not only the listener's child.
            BED.sessions(0).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                    .forEach(ProcessHandle::destroyForcibly);
            var failure = catchThrowable(() -> run.get(15, TimeUnit.SECONDS));
            assertThat(failure).hasCauseInstanceOf(DeployFailedException.class);
            assertThat(failure.getCause()).hasMessage(BED.host(0) + ": `sh -c 'echo started; sleep 30'` did not finish: "
                    + "the connection to the host was lost");
            assertThatThrownBy(() -> connection.run(Command.of("true"), OutputListener.discard(), TIMEOUT))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessage(BED.host(0) + ": cannot start `true`: the connection to the host was lost");
        }
    }

    @Test
    void shouldReportACommandKilledByASignalAndKeepTheConnection() {
        try (var connection = BED.connector().connect(BED.host(2))) {
            assertThatThrownBy(() -> connection.run(Command.of("sh", "-c", "kill -9 $$"), OutputListener.discard(), TIMEOUT))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessage(BED.host(2) + ": `sh -c 'kill -9 $$'` ended without an exit status (killed by a signal on the host)");
            assertThat(connection.run(Command.of("true"), OutputListener.discard(), TIMEOUT).ok()).isTrue();
        }
    }

    @Test
    void shouldNoticeAHostThatStopsAnsweringThroughKeepAlive() throws Exception {
        var settings = BED.settings().withKeepAlive(Duration.ofMillis(500));
        try (var connection = new SshConnector(settings, SecretMask.none(), EventSink.discard()).connect(BED.host(1))) {
            connection.run(Command.of("true"), OutputListener.discard(), TIMEOUT).orThrow();
            // The host freezes without closing anything, as when a network path silently drops packets.
            var frozen = BED.sessions(1).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                    .map(p -> String.valueOf(p.pid())).toList();
            signal("-STOP", frozen);
            try {
                // Lost, not timed out: the keep-alive probes went unanswered long before the timeout
                // (whether the frozen host had confirmed the new channel yet or not).
                assertThatThrownBy(() -> connection.run(Command.of("sleep", "60"), OutputListener.discard(), TIMEOUT))
                        .isInstanceOf(DeployFailedException.class)
                        .hasMessageEndingWith(": the connection to the host was lost");
            }
            finally {
                signal("-CONT", frozen);
            }
        }
    }

    private static void signal(final String signal, final List<String> pids) throws Exception {
        var args = new ArrayList<String>(List.of("kill", signal));
        args.addAll(pids);
        new ProcessBuilder(args).inheritIO().start().waitFor();
    }
}
