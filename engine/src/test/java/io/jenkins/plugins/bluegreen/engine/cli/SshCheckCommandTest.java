package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;


class SshCheckCommandTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(2);

    @TempDir
    static Path dir;

    private static Path key;
    private static Path knownHosts;

    @BeforeAll
    static void writeKeyAndKnownHosts() throws IOException {
        key = Files.write(dir.resolve("id_ed25519"), BED.key(TestBed.KeyType.ED25519).privateKey());
        knownHosts = Files.writeString(dir.resolve("known_hosts"), BED.knownHosts());
    }



    @Test
    void shouldReportEveryHostThatAnswers() {
        var run = CliRun.of("ssh-check", "-i", key.toString(), "--known-hosts", knownHosts.toString(),
                BED.host(0).toString(), BED.host(1).toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).hasSize(3).element(1).asString().startsWith(BED.host(0).toString()).contains("ok");
    }

    @Test
    void shouldShowTheFingerprintOfAHostKeyNotInKnownHosts() throws IOException {
        var onlyFirst = Files.writeString(dir.resolve("known_hosts_first"), BED.knownHosts().lines().findFirst().get());
        var run = CliRun.of("ssh-check", "-i", key.toString(), "--known-hosts", onlyFirst.toString(),
                BED.host(0).toString(), BED.host(1).toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("failed");
        assertThat(run.err()).contains("it offered ssh-ed25519 key SHA256:", "ssh-keyscan " + BED.host(1).name());
    }

    @Test
    void shouldExplainAMissingFileWithoutAStackTrace() {
        var run = CliRun.of("ssh-check", "-i", dir.resolve("nope").toString(), "--known-hosts", knownHosts.toString(),
                BED.host(0).toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("--identity " + dir.resolve("nope") + ": expected a readable file, got NoSuchFileException")
                .doesNotContain("\tat ");
    }
}
