package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;
import io.jenkins.plugins.bluegreen.engine.traffic.TrafficSwitch;

import java.util.Optional;

/**
 * One switch for all hosts, as {@link io.jenkins.plugins.bluegreen.engine.traffic.SwitchAll} wants
 * it, that hands each host to its own wiring and points the target at that host's port for the
 * color. Mapping by color makes it idempotent, so a target read back from a host goes back as is.
 */
final class WiredSwitch implements TrafficSwitch {
    private final HostWiring wiring;

    WiredSwitch(final HostWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void switchTo(final Connection host, final Target target) {
        wiring.traffic(host.host()).switchTo(host, onHost(host, target));
    }

    @Override
    public Optional<Target> current(final Connection host) {
        return wiring.traffic(host.host()).current(host);
    }

    @Override
    public void verify(final Connection host, final Target target) {
        wiring.traffic(host.host()).verify(host, onHost(host, target));
    }

    private Target onHost(final Connection host, final Target target) {
        var color = Color.parse(target.color(), "traffic target color");
        return new Target(target.service(), target.color(), wiring.port(host.host(), color), target.version());
    }
}
