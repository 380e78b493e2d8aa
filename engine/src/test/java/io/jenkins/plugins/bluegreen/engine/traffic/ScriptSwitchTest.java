package io.jenkins.plugins.bluegreen.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.testbed.LocalShell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the script switch through a real shell, so quoting is proven by what the shell did. */
class ScriptSwitchTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void shouldHandEveryValueToTheCommandLiterally() throws Exception {
        var out = dir.resolve("args");
        var script = new ScriptSwitch("app", "printf '%s\\n' {service} {color} {port} {host} {version} > " + out,
                null, null, TIMEOUT, EventSink.discard());

        var hostile = "v2'; touch " + dir.resolve("pwned") + "; echo '$(id) `id` \"$HOME\" *";
        script.switchTo(LocalShell.host("web-1"), new Target("app", "green", 3002, hostile));

        assertThat(Files.readAllLines(out)).containsExactly("app", "green", "3002", "web-1", hostile);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Property(tries = 50)
    void shouldNeverLetAVersionBecomeShellCode(@ForAll @StringLength(min = 1, max = 40) final String version)
            throws Exception {
        // A NUL cannot cross a command line at all, and a target's version is never blank.
        var value = "v" + version.replace('\0', '0');
        assertThat(printed("printf '%s' {version}", value)).isEqualTo(value);
    }

    @Property(tries = 50)
    void shouldKeepAHostileValueOneWordWhereverThePlaceholderSits(
            @ForAll @StringLength(min = 1, max = 30) final String version) throws Exception {
        var value = "v" + version.replace('\0', '0');
        // Placeholders glued to text and to each other, as in paths and labels.
        assertThat(printed("printf '%s\\n' tag-{version}-x {color}{version}", value))
                .isEqualTo("tag-" + value + "-x\n" + "green" + value + "\n");
    }

    /** What {@code command > file} wrote when switched to a green target running {@code version}. */
    private static String printed(final String command, final String version) throws Exception {
        var scratch = Files.createTempDirectory("script-switch");
        try {
            var out = scratch.resolve("out");
            new ScriptSwitch("app", command + " > " + out, null, null, TIMEOUT, EventSink.discard())
                    .switchTo(LocalShell.host("web-1"), new Target("app", "green", 3002, version));
            return Files.readString(out);
        }
        finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldRunTheSwitchCommandOnlyAtTheCommit() throws Exception {
        var out = dir.resolve("switched");
        var script = new ScriptSwitch("app", "echo {color} > " + out, "echo color=blue port=3001 version=v1", null,
                TIMEOUT, EventSink.discard());

        var prepared = script.prepare(LocalShell.host("web-1"), new Target("app", "green", 3002, "v2"));

        assertThat(prepared.previous()).contains(new Target("app", "blue", 3001, "v1"));
        assertThat(out).doesNotExist();
        prepared.commit();
        assertThat(Files.readString(out)).isEqualTo("green\n");
    }

    @Test
    void shouldPutEveryHostBackWhenOneHostsSwitchCommandFails() throws Exception {
        var hosts = List.of(LocalShell.host("web-1"), LocalShell.host("web-2"), LocalShell.host("web-3"));
        var blue = new Target("app", "blue", 3001, "v1");
        var green = new Target("app", "green", 3002, "v2");
        for (Connection host : hosts) {
            Files.writeString(dir.resolve(host.host().name() + ".live"), "color=blue port=3001 version=v1\n");
        }
        // The load balancer of web-2 refuses green; every other switch writes down what is live.
        var script = new ScriptSwitch("app", "[ {host} = web-2 ] && [ {color} = green ] && { echo 'lb: pool busy' >&2;"
                + " exit 1; }; echo color={color} port={port} version={version} > " + dir + "/{host}.live",
                "cat " + dir + "/{host}.live", null, TIMEOUT, EventSink.discard());

        assertThatThrownBy(() -> new SwitchAll(script, EventSink.discard()).switchTo(hosts, green))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("web-2: traffic switch to " + green.describe() + " failed; restored web-1 to "
                        + blue.describe() + ", web-2 to " + blue.describe() + ", web-3 to " + blue.describe() + "\n"
                        + "web-2: x-bluegreen/traffic/switch command failed to switch to " + green.describe()
                        + " (exit 1):\n  lb: pool busy");
        for (Connection host : hosts) {
            assertThat(script.current(host)).as(host.host().name()).contains(blue);
        }
    }

    @Test
    void shouldReadTheLiveTargetFromTheCurrentCommand() {
        var script = new ScriptSwitch("app", "true", "echo checking {service} on {host}; echo color=blue port=3001 version=v1",
                null, TIMEOUT, EventSink.discard());
        assertThat(script.current(LocalShell.host("web-1"))).contains(new Target("app", "blue", 3001, "v1"));
    }

    @Test
    void shouldTellNothingWithoutACurrentCommand() {
        var script = new ScriptSwitch("app", "true", null, null, TIMEOUT, EventSink.discard());
        assertThat(script.current(LocalShell.host("web-1"))).isEmpty();
    }

    @Test
    void shouldExplainACurrentLineItCannotRead() {
        var script = new ScriptSwitch("app", "true", "echo blue", null, TIMEOUT, EventSink.discard());
        assertThatThrownBy(() -> script.current(LocalShell.host("web-1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("web-1: x-bluegreen/traffic/current: expected its last line to be"
                        + " 'color=<color> port=<port> version=<version>', got 'blue'");
    }

    @Test
    void shouldFailTheSwitchWhenVerifyFails() {
        var script = new ScriptSwitch("app", "true", null, "echo {color} is not answering >&2; exit 3", TIMEOUT,
                EventSink.discard());
        assertThatThrownBy(() -> script.switchTo(LocalShell.host("web-1"), new Target("app", "green", 3002, "v2")))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("web-1: x-bluegreen/traffic/verify command failed to verify green (port 3002, v2) (exit 3):\n"
                        + "  green is not answering");
    }

    @Test
    void shouldNameTheHostWhenTheSwitchCommandFails() {
        var script = new ScriptSwitch("app", "echo 'lb: no such pool' >&2; exit 1", null, null, TIMEOUT,
                EventSink.discard());
        assertThatThrownBy(() -> script.switchTo(LocalShell.host("web-2"), new Target("app", "green", 3002, "v2")))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("web-2: x-bluegreen/traffic/switch command failed to switch to green (port 3002, v2) (exit 1):\n"
                        + "  lb: no such pool");
    }
}
