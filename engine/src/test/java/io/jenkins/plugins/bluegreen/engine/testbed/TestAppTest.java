package io.jenkins.plugins.bluegreen.engine.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The test app takes a burst of connections the way a real app does. The earlier app (busybox
 * {@code nc -ll}, backlog 1) overflowed its accept queue under a burst: the kernel dropped SYNs,
 * clients waited for their retransmission, and the load tests counted the stalls as lost requests
 * of the switch. The container's own netstat counts such drops, so the test reads it there.
 */
class TestAppTest {
    private static final int BURST = 300;

    @Test
    void shouldAnswerABurstOfConnectionsWithoutDroppingOne() throws Exception {
        var image = TestImages.ensure(TestImages.V1);
        var name = "bgtest-burst-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        int port = FreePorts.forContainer();
        podman("run", "-d", "--name", name, "-p", "127.0.0.1:" + port + ":3000", image);
        try {
            awaitListening(port);
            var pool = Executors.newFixedThreadPool(BURST);
            var answers = new ArrayList<Future<String>>();
            for (int i = 0; i < BURST; i++) {
                answers.add(pool.submit((Callable<String>) () -> get(port)));
            }
            var bodies = new ArrayList<String>();
            for (Future<String> answer : answers) {
                bodies.add(answer.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();

            assertThat(bodies).hasSize(BURST).allMatch(b -> b.endsWith("bgtest-app v1"), "answered by v1");
            assertThat(listenDrops(name)).as("SYNs the app's listen queue dropped").isZero();
        }
        finally {
            podman("rm", "-f", "-t", "0", name);
        }
    }

    private static String get(final int port) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: app\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** ListenDrops from the container's network namespace, where its listen queue lives. */
    private static long listenDrops(final String container) {
        var lines = podman("exec", container, "cat", "/proc/net/netstat").lines().toList();
        var names = lines.get(0).split("\\s+");
        var values = lines.get(1).split("\\s+");
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals("ListenDrops")) {
                return Long.parseLong(values[i]);
            }
        }
        throw new IllegalStateException("no ListenDrops in the container's /proc/net/netstat: " + lines.get(0));
    }

    private static void awaitListening(final int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            }
            catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the app did not listen on port " + port + " within 5 s");
    }

    private static String podman(final String... args) {
        var command = new ArrayList<>(List.of(TestTools.require("podman").toString()));
        command.addAll(List.of(args));
        return LocalProgram.run(command, false);
    }
}
