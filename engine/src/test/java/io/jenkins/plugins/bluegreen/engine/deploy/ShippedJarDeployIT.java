package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.cli.CliRun;
import io.jenkins.plugins.bluegreen.engine.cli.ShippedJar;
import io.jenkins.plugins.bluegreen.engine.testbed.FreePorts;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy}, {@code status} and {@code rollback} from {@code java -jar bluegreen.jar} on podman
 * hosts wired by their config alone ({@code x-bluegreen.ports} and {@code traffic}), as on real
 * machines. The hosts of this bed share one machine's loopback and files, so they cannot publish
 * the same color ports or share one nginx upstream file: each host is a destination of its own
 * ({@code host0}, {@code host1}, ...) with its own ports and nginx, and each command runs once per
 * destination. What counts is what each host's nginx serves afterwards.
 */
class ShippedJarDeployIT {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(2).withPodman();

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    @TempDir
    Path workspace;

    private final List<NginxServer> servers = new ArrayList<>();
    private List<String> access;

    @BeforeAll
    static void images() {
        DeployScenario.loadImages(BED, TestImages.V1, TestImages.V2);
    }

    @Test
    void shouldDeployTwiceShowTheLiveReleaseAndRollBackOnEveryHost() throws IOException {
        writeConfig();

        for (int i = 0; i < BED.hosts().size(); i++) {
            var run = jar(i, "deploy", "--version", "v1", "--by", "carol");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.json().get("outcome").asText()).isEqualTo("live");
            assertThat(served(i)).isEqualTo("200 bgtest-app v1");
        }
        for (int i = 0; i < BED.hosts().size(); i++) {
            var run = jar(i, "deploy", "--version", "v2", "--by", "carol");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.json().get("color").asText()).isEqualTo("green");
            assertThat(served(i)).isEqualTo("200 bgtest-app v2");
        }
        for (int i = 0; i < BED.hosts().size(); i++) {
            var run = jar(i, "status");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("all 1 host(s) agree", BED.host(i) + "  green v2 ",
                    "releases, newest first: v2 (green, ");
        }
        for (int i = 0; i < BED.hosts().size(); i++) {
            var run = jar(i, "rollback", "--by", "dave", "--reason", "INC-7");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(served(i)).isEqualTo("200 bgtest-app v1");
        }
        for (int i = 0; i < BED.hosts().size(); i++) {
            var run = jar(i, "status");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains(BED.host(i) + "  blue v1 ");
        }
    }

    /** One base config; destination hostI puts the service on host i alone, with that host's ports and nginx. */
    private void writeConfig() throws IOException {
        var service = "bg" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        var lines = new ArrayList<>(List.of(
                "service: " + service,
                "image: localhost/bgtest-app",
                "require_destination: true",
                "ssh:",
                "  user: root",
                "x-bluegreen:",
                "  runtime: podman",
                "  windows: unrestricted",
                "  gate:",
                "    paths: [/health/ready]",
                "    interval: 200ms"));
        for (int i = 0; i < BED.hosts().size(); i++) {
            int blue = FreePorts.forContainer();
            var server = nginx.start(new Target(service, "blue", blue, "none"));
            servers.add(server);
            lines.addAll(List.of(destination(i) + ":", "  servers:", "    - " + BED.host(i), "  x-bluegreen:"));
            lines.addAll(DeployScenario.wiredByConfig("    ", blue, FreePorts.forContainer(), server));
        }
        var config = workspace.resolve("config/deploy.yml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, String.join("\n", lines) + "\n");
        var key = Files.write(workspace.resolve("id_ed25519"), BED.key(TestBed.KeyType.ED25519).privateKey());
        var knownHosts = Files.writeString(workspace.resolve("known_hosts"), BED.knownHosts());
        access = List.of("--file", config.toString(), "-i", key.toString(), "--known-hosts", knownHosts.toString());
    }

    private static String destination(final int host) {
        return "host" + host;
    }

    /** {@code java -jar bluegreen.jar ARGS} on host i's destination. */
    private CliRun jar(final int host, final String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-d", destination(host)));
        all.addAll(access);
        return ShippedJar.run(all);
    }

    private String served(final int host) {
        return DeployScenario.get(servers.get(host).url());
    }
}
