package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.ledger.Ledger;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.EachHost;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.util.List;

/** Reads ledger, container labels and lock of every host; a host that cannot be read is shown as such. */
public final class StatusReader {
    /** Enough history to find the releases before the live one, and the schema changes since. */
    public static final int HISTORY_LINES = 200;

    private final Service service;
    private final String role;
    private final Ledger ledger;
    private final DeployLock lock;

    public StatusReader(final Service service, final String role, final Ledger ledger, final DeployLock lock) {
        this.service = service;
        this.role = role;
        this.ledger = ledger;
        this.lock = lock;
    }

    /** Every host in {@code hosts}, connecting through {@code connections}; never throws for one host. */
    public FleetStatus read(final Connections connections, final List<Host> hosts) {
        var read = EachHost.run(hosts, h -> read(connections.get(h)));
        return new FleetStatus(service, role, hosts.stream().map(h -> read.values().containsKey(h)
                ? read.values().get(h) : HostView.unreachable(h, role, read.failures().get(h))).toList());
    }

    /** Every host over connections already open; throws when one cannot be read. */
    public FleetStatus read(final List<Connection> hosts) {
        var read = EachHost.runOn(hosts, this::read);
        if (!read.failures().isEmpty()) {
            throw new DeployFailedException(String.join("\n", read.failures().values()));
        }
        return new FleetStatus(service, role, List.copyOf(read.values().values()));
    }

    private HostView read(final Connection host) {
        return HostView.read(host.host(), role, ledger.read(host, service, HISTORY_LINES), lock.status(host, service));
    }
}
