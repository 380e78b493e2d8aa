package io.jenkins.plugins.bluegreen.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.testbed.LocalShell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    @TempDir
    Path runDir;

    @Test
    void shouldAppendHistoryOnTheHostAndTailTheLastEntries() throws Exception {
        var service = new Service("a2d2", "staging");
        var commands = new LedgerCommands(runDir.resolve("run dir").toString());
        var host = LocalShell.localhost();
        for (int i = 1; i <= 5; i++) {
            var entry = new HistoryEntry(HistoryEntry.Action.DEPLOY, new Release("v" + i,
                    i % 2 == 0 ? Color.GREEN : Color.BLUE, null, Instant.parse("2026-11-24T10:00:00Z"), "alice's bot"),
                    null, null, "it's $(id)");
            var line = LedgerFormat.historyLine(service, entry) + "\n";
            host.run(commands.append(service), line.getBytes(), OutputListener.discard(), Duration.ofSeconds(10)).orThrow();
        }

        assertThat(Path.of(commands.historyFile(service))).hasFileName("a2d2-staging-history.jsonl");
        assertThat(Files.readAllLines(Path.of(commands.historyFile(service)))).hasSize(5);
        var tail = host.run(commands.tail(service, 3), OutputListener.discard(), Duration.ofSeconds(10)).orThrow();
        assertThat(LedgerFormat.history(tail.stdout())).extracting(h -> h.release().version())
                .containsExactly("v3", "v4", "v5");
        assertThat(LedgerFormat.history(tail.stdout()).get(0).message()).isEqualTo("it's $(id)");
    }

    @Test
    void shouldTailNothingOnAFreshHost() {
        var commands = new LedgerCommands(runDir.toString());
        var result = LocalShell.localhost().run(commands.tail(Service.of("a2d2"), 10), OutputListener.discard(),
                Duration.ofSeconds(10));
        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).isEmpty();
        assertThat(commands.tail(Service.of("a2d2"), 10).render()).isEqualTo(
                "sh -c 'if [ -f \"$1\" ]; then tail -n \"$2\" \"$1\"; fi' sh " + runDir + "/a2d2-history.jsonl 10");
    }

    @Test
    void shouldBuildAppendCommandReadingStdin() {
        assertThat(new LedgerCommands(".bluegreen").append(Service.of("a2d2")).render())
                .isEqualTo("sh -c 'mkdir -p \"$1\" && cat >> \"$2\"' sh .bluegreen .bluegreen/a2d2-history.jsonl");
    }

    @Test
    void shouldAppendThroughTheLedgerIntoItsRunDirectory() {
        var ledger = new Ledger(new ContainerCommands(ContainerRuntime.PODMAN, runDir.toString()));
        var host = LocalShell.localhost();
        var service = Service.of("bgledger");
        ledger.append(host, service, new HistoryEntry(HistoryEntry.Action.DEPLOY,
                new Release("v1", Color.BLUE, null, Instant.parse("2026-11-24T10:00:00Z"), "alice"), null, null, null));
        assertThat(runDir.resolve("bgledger-history.jsonl")).exists();
    }
}
