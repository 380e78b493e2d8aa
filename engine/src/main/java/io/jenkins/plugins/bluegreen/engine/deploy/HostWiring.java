package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.config.Ports;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.traffic.TrafficSwitch;

import java.net.URI;

/**
 * How one host is wired: the host ports its colors publish, the switch that moves its traffic, and
 * its public URL as the host itself sees it. Real hosts all follow the config
 * ({@link ConfigWiring}); simulated hosts sharing one machine's loopback each need their own ports
 * and proxy, which is why this is a seam and not read from the config directly.
 */
public interface HostWiring {
    Ports ports(Host host);

    TrafficSwitch traffic(Host host);

    URI publicUrl(Host host);

    /** The host port {@code color} publishes on {@code host}. */
    default int port(final Host host, final Color color) {
        var ports = ports(host);
        return color == Color.BLUE ? ports.blue() : ports.green();
    }
}
