package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;


/** {@code bluegreen status} and {@code bluegreen rollback} against a real host, from a config file. */
class StatusAndRollbackCommandTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(1).withPodman();

    @TempDir
    static Path dir;

    @TempDir
    Path runDir;

    private static Path key;
    private static Path knownHosts;
    private Path config;

    @BeforeAll
    static void writeKeyAndKnownHosts() throws IOException {
        key = Files.write(dir.resolve("id_ed25519"), BED.key(TestBed.KeyType.ED25519).privateKey());
        knownHosts = Files.writeString(dir.resolve("known_hosts"), BED.knownHosts());
    }

    /** v1 went live on blue, then v2 on green; neither container runs any more. */
    @BeforeEach
    void writeConfigAndHistory() throws IOException {
        config = Files.writeString(runDir.resolve("deploy.yml"), String.join("\n",
                "service: shop",
                "image: localhost/bgtest-app-gone",
                "servers:",
                "  - " + BED.host(0),
                "x-bluegreen:",
                "  runtime: podman",
                "  run_directory: " + runDir,
                ""));
        Files.writeString(runDir.resolve("shop-history.jsonl"), String.join("\n",
                "{\"at\":\"2026-11-24T10:15:30Z\",\"action\":\"deploy\",\"service\":\"shop\",\"version\":\"v1\","
                        + "\"color\":\"blue\",\"by\":\"alice\"}",
                "{\"at\":\"2026-11-25T11:00:00Z\",\"action\":\"deploy\",\"service\":\"shop\",\"version\":\"v2\","
                        + "\"color\":\"green\",\"by\":\"bob\"}",
                ""));
    }


    private CliRun run(final String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", config.toString(), "-i", key.toString(), "--known-hosts", knownHosts.toString()));
        return CliRun.of(all);
    }

    @Test
    void shouldShowTheLiveReleaseAndSayItsContainerIsNotRunning() {
        var run = run("status");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("shop (role web): all 1 host(s) agree")
                .contains(BED.host(0) + "  green v2 (NOT RUNNING)  2026-11-25T11:00:00Z  bob")
                .contains("releases, newest first: v2 (green, 2026-11-25T11:00:00Z, bob), v1 (blue,");
    }

    @Test
    void shouldPrintStatusAsJson() {
        var run = run("status", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"service\" : \"shop\"", "\"color\" : \"green\"", "\"running\" : false");
    }

    @Test
    void shouldRefuseARollbackWhoseImageIsGoneWithExitOne() {
        var run = run("rollback", "--reason", "INC-1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("rollback refused: the image localhost/bgtest-app-gone:v1 of v1 is gone from "
                + BED.host(0));
        assertThat(runDir.resolve("lock-shop")).doesNotExist();
    }

    @Test
    void shouldRefuseABadVersionWithExitTwo() {
        var run = run("rollback", "--to", "v1 or so");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("toVersion: expected an image tag");
    }

    @Test
    void shouldRefuseANamedReleaseTogetherWithThePreviousOne() {
        var run = run("rollback", "--to", "v1", "--to-previous");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--to=VERSION, --to-previous are mutually exclusive");
    }
}
