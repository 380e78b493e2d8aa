package io.jenkins.plugins.bluegreen.engine.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two simulated hosts run a container of the same name on the same port without noticing each other,
 * and a stopped host leaves no container behind.
 */
class TestBedPodmanTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(2).withPodman();

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static String run(final Connection c, final String script) {
        return c.run(Command.of("sh", "-c", script), OutputListener.discard(), TIMEOUT).orThrow().stdout();
    }

    @Test
    void shouldGiveEveryHostItsOwnContainersAndAddress() throws IOException {
        var connector = BED.connector();
        try (var first = connector.connect(BED.host(0)); var second = connector.connect(BED.host(1))) {
            for (int i = 0; i < 2; i++) {
                var c = i == 0 ? first : second;
                assertThat(run(c, "podman info --format '{{.Store.GraphRoot}}'"))
                        .isEqualTo(BED.dir(i).resolve("podman/graph").toString());
                importBusybox(c);
                run(c, "podman run -d -q --name web -p " + BED.address(i) + ":18080:8080 localhost/busybox:testbed"
                        + " sh -c 'trap \"exit 0\" TERM; echo host-" + i + " > /index.html;"
                        + " busybox httpd -f -p 8080 -h / & wait'");
            }
            assertThat(run(first, "podman ps --format '{{.Names}}'")).isEqualTo("web");
            assertThat(run(second, "podman ps --format '{{.Names}}'")).isEqualTo("web");
            for (int i = 0; i < 2; i++) {
                try (var socket = new Socket()) {
                    socket.connect(new InetSocketAddress(BED.address(i), 18080), 5000);
                }
            }
            run(first, "podman rm -f -t 1 web >/dev/null");
            assertThat(run(first, "podman ps -a --format '{{.Names}}'")).isEmpty();
            assertThat(run(second, "podman ps --format '{{.Names}}'")).isEqualTo("web");
            run(second, "podman rm -f -t 1 web >/dev/null");
        }
    }

    @Test
    void shouldTakeAContainerATestLeftRunningAndItsPortRuleAwayWhenAHostStops() throws Exception {
        var bed = TestBed.hosts(1).withPodman();
        bed.start();
        int port = FreePorts.forContainer();
        var dir = bed.dir(0).toString();
        try (var host = bed.connector().connect(bed.host(0))) {
            importBusybox(host);
            run(host, "podman run -d -q --name left -p 127.0.0.1:" + port + ":8080 localhost/busybox:testbed"
                    + " busybox httpd -f -p 8080 -h /");
        }
        finally {
            bed.stop();
        }
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains("conmon") && line.contains(dir))).isEmpty();
        var rules = new ProcessBuilder("iptables-save", "-t", "nat").start();
        assertThat(new String(rules.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .doesNotContain("--dport " + port + " ");
    }

    private static void importBusybox(final Connection c) {
        run(c, "set -e; r=$(mktemp -d); mkdir \"$r/bin\"; cp /bin/busybox \"$r/bin/\"; ln -s busybox \"$r/bin/sh\";"
                + " tar -C \"$r\" -cf - . | podman import -q - localhost/busybox:testbed >/dev/null; rm -rf \"$r\"");
    }
}
