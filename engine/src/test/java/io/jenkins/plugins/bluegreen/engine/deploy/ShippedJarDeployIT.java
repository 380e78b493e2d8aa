package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.cli.CliRun;
import io.jenkins.plugins.bluegreen.engine.cli.ShippedJar;
import io.jenkins.plugins.bluegreen.engine.testbed.FreePorts;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy}, {@code status} and {@code rollback} from {@code java -jar bluegreen.jar} on two
 * podman hosts wired by their config alone ({@code x-bluegreen.ports} and {@code traffic}), as on
 * real machines. What counts is what each host's nginx serves afterwards.
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

        var first = jar("deploy", "--version", "v1", "--by", "carol");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.json().get("outcome").asText()).isEqualTo("live");
        assertServed("200 bgtest-app v1");

        var second = jar("deploy", "--version", "v2", "--by", "carol");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.json().get("color").asText()).isEqualTo("green");
        assertServed("200 bgtest-app v2");

        var status = jar("status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("all 2 host(s) agree", BED.host(0) + "  green v2 ", BED.host(1) + "  green v2 ",
                "releases, newest first: v2 (green, ");

        var rollback = jar("rollback", "--by", "dave", "--reason", "INC-7");
        assertThat(rollback.exit()).as(rollback.err()).isZero();
        assertServed("200 bgtest-app v1");

        var after = jar("status");
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).contains(BED.host(0) + "  blue v1 ", BED.host(1) + "  blue v1 ");
    }

    @Test
    void shouldPrintTheWatchsFiguresAndRefuseAnUnreachablePrometheusAsBadInput() throws IOException {
        writeConfig(NginxServer.AccessLog.JSON, log -> List.of("  watch:", "    duration: 2s", "    interval: 500ms",
                "    not_enough_traffic: pass", "    traffic:", "      nginx: {access_log: " + log + "}"));

        var quiet = jar("deploy", "--version", "v1", "--by", "carol");
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.err()).contains("[watch] nginx access log " + servers.get(0).accessLog(),
                "watch: not_judged: not enough traffic to judge");
        var watch = quiet.json().get("watch");
        assertThat(watch.get("verdict").asText()).isEqualTo("NOT_JUDGED");
        assertThat(watch.get("series").get(0).get("points").size()).isGreaterThanOrEqualTo(4);

        var closed = "http://127.0.0.1:" + FreePorts.loopback();
        writeConfig(NginxServer.AccessLog.OFF, log -> List.of("  watch:", "    duration: 2s", "    traffic:",
                "      prometheus: {url: '" + closed + "', queries: {error_rate: 'sum(up)'}}"));
        var refused = jar("deploy", "--version", "v2", "--by", "carol");
        assertThat(refused.exit()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("x-bluegreen/watch/traffic/prometheus/url: cannot reach " + closed
                + " (Connection refused); expected a Prometheus server's HTTP API").doesNotContain("\tat ");
    }

    private void writeConfig() throws IOException {
        writeConfig(NginxServer.AccessLog.OFF, log -> List.of());
    }

    /**
     * Both hosts in one {@code servers:} list, wired alike, each with a new nginx writing {@code log}.
     *
     * @param extra lines under {@code x-bluegreen}, given the access log's path as the hosts see it
     */
    private void writeConfig(final NginxServer.AccessLog log, final Function<String, List<String>> extra)
            throws IOException {
        servers.clear();
        var service = "bg" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        int blue = FreePorts.forContainer();
        servers.addAll(DeployScenario.nginxOnEveryHost(BED, nginx, service, blue, log));
        var lines = new ArrayList<>(List.of(
                "service: " + service,
                "image: localhost/bgtest-app",
                "servers:"));
        BED.hosts().forEach(host -> lines.add("  - " + host));
        lines.addAll(List.of(
                "ssh:",
                "  user: root",
                "x-bluegreen:",
                "  runtime: podman",
                "  windows: unrestricted",
                "  gate:",
                "    paths: [/health/ready]",
                "    interval: 200ms"));
        lines.addAll(DeployScenario.wiredByConfig("  ", blue, FreePorts.forContainer(), servers.get(0)));
        lines.addAll(extra.apply(log == NginxServer.AccessLog.OFF ? null : servers.get(0).accessLog()));
        var config = workspace.resolve("config/deploy.yml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, String.join("\n", lines) + "\n");
        var key = Files.write(workspace.resolve("id_ed25519"), BED.key(TestBed.KeyType.ED25519).privateKey());
        var knownHosts = Files.writeString(workspace.resolve("known_hosts"), BED.knownHosts());
        access = List.of("--file", config.toString(), "-i", key.toString(), "--known-hosts", knownHosts.toString());
    }

    /** {@code java -jar bluegreen.jar ARGS} against the config. */
    private CliRun jar(final String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(access);
        return ShippedJar.run(all);
    }

    private void assertServed(final String expected) {
        for (NginxServer server : servers) {
            assertThat(DeployScenario.get(server.url())).as(server.url().toString()).isEqualTo(expected);
        }
    }
}
