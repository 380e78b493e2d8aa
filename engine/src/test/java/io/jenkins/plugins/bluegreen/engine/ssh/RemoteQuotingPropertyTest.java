package io.jenkins.plugins.bluegreen.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any argument, whatever bytes it holds, reaches a program on a real host unchanged through the
 * login shell sshd runs it with. Compared as hex so no line splitting can hide a difference.
 */
class RemoteQuotingPropertyTest {
    private static final TestBed BED = TestBed.hosts(1);
    private static Connection connection;

    @BeforeContainer
    static void start() throws Exception {
        BED.start();
        connection = BED.connector().connect(BED.host(0));
    }

    @AfterContainer
    static void stop() {
        if (connection != null) {
            connection.close();
        }
        BED.stop();
    }

    @Property(tries = 200)
    void shouldDeliverEveryArgumentByteForByte(@ForAll final String argument) {
        // An argv entry cannot hold NUL, and a lone surrogate has no UTF-8 form to compare with.
        Assume.that(argument.indexOf('\0') < 0 && argument.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        var command = Command.of("printf", "%s", argument)
                .pipe(Command.of("od", "-An", "-v", "-tx1"))
                .pipe(Command.of("tr", "-d", " \n"));
        var result = connection.run(command, OutputListener.discard(), Duration.ofSeconds(20)).orThrow();
        assertThat(result.stdout()).isEqualTo(HexFormat.of().formatHex(argument.getBytes(StandardCharsets.UTF_8)));
    }
}
