package io.jenkins.plugins.bluegreen.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The local shell keeps the transport contract: masked streaming, stdin, exit codes, timeouts. */
class LocalConnectorTest {
    private static final Host HOST = new Host("localhost", 0);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void shouldStreamMaskedLinesAndReturnTheExitCode() {
        var lines = Collections.synchronizedList(new ArrayList<String>());
        try (var connection = new LocalConnector(SecretMask.of(List.of("topsecret"))).connect(HOST)) {
            var result = connection.run(Command.of("sh", "-c", "echo \"a $1\"; echo \"b $1\" >&2; exit 2", "sh", "topsecret"),
                    (h, s, l) -> lines.add(h + " " + s + " " + l), TIMEOUT);
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stdout()).isEqualTo("a ****");
            assertThat(result.stderrTail()).containsExactly("b ****");
            assertThat(result.command()).doesNotContain("topsecret");
            assertThat(lines).containsExactlyInAnyOrder("localhost STDOUT a ****", "localhost STDERR b ****");
        }
    }

    @Test
    void shouldFeedStdin() {
        try (var connection = new LocalConnector(SecretMask.none()).connect(HOST)) {
            var result = connection.run(Command.of("tr", "a-z", "A-Z"), "shout\n".getBytes(StandardCharsets.UTF_8),
                    OutputListener.discard(), TIMEOUT);
            assertThat(result.stdout()).isEqualTo("SHOUT");
        }
    }

    @Test
    void shouldKeepOnlyTheLastLinesOfStderr() {
        try (var connection = new LocalConnector(SecretMask.none()).connect(HOST)) {
            var result = connection.run(Command.of("sh", "-c", "seq 1 100 >&2"), OutputListener.discard(), TIMEOUT);
            assertThat(result.stderrTail()).hasSize(20).endsWith("100").startsWith("81");
        }
    }

    @Test
    void shouldKillACommandThatOutlivesItsTimeout() {
        try (var connection = new LocalConnector(SecretMask.none()).connect(HOST)) {
            assertThatThrownBy(() -> connection.run(Command.of("sleep", "30"), OutputListener.discard(),
                    Duration.ofMillis(300)))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessageStartingWith("localhost: `sleep 30` did not finish within 300ms and was killed");
        }
    }
}
