package io.jenkins.plugins.bluegreen.engine.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void shouldHandOutContainerPortsBelowTheEphemeralRangeEachOnceAndFree() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.forContainer();
            assertThat(port).isBetween(10000, FreePorts.firstEphemeralPort() - 1);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            try (var socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    @Test
    void shouldReadTheWholeFirstNumberOfTheKernelsEphemeralRange() {
        assertThat(FreePorts.firstEphemeralPort()).isGreaterThan(1024);
    }
}
