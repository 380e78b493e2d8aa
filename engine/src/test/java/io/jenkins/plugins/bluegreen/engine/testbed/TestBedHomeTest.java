package io.jenkins.plugins.bluegreen.engine.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every simulated host logs in as root, yet each starts in a home of its own, as real hosts do. */
class TestBedHomeTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(2);

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static String run(final Connection c, final Command command) {
        return c.run(command, OutputListener.discard(), TIMEOUT).orThrow().stdout();
    }

    @Test
    void shouldGiveEveryHostItsOwnRelativeRunDirectory() throws IOException {
        var connector = BED.connector();
        try (var first = connector.connect(BED.host(0)); var second = connector.connect(BED.host(1))) {
            var makeRunDir = Command.of("mkdir", "-p", ".bluegreen").and(Command.of("cd", ".bluegreen"))
                    .and(Command.of("pwd", "-P"));
            var firstDir = run(first, makeRunDir);
            var secondDir = run(second, makeRunDir);

            assertThat(firstDir).isEqualTo(BED.dir(0).resolve("home/.bluegreen").toRealPath().toString());
            assertThat(secondDir).isEqualTo(BED.dir(1).resolve("home/.bluegreen").toRealPath().toString());
            run(first, Command.of("touch", ".bluegreen/only-on-host-0"));
            assertThat(run(second, Command.of("ls", "-A", ".bluegreen"))).isEmpty();
        }
    }

    @Test
    void shouldPassTheCommandThroughWithItsQuotingIntact() {
        try (var host = BED.connector().connect(BED.host(0))) {
            var command = Command.of("printf", "%s|", "two words", "it's", "$HOME", "a\"b", "*", "");

            assertThat(run(host, command)).isEqualTo("two words|it's|$HOME|a\"b|*||");
        }
    }
}
