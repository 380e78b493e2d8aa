package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.ledger.Ledger;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.util.ArrayList;
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
        var views = new ArrayList<HostView>();
        for (Host host : hosts) {
            try {
                views.add(read(connections.get(host)));
            }
            catch (DeployFailedException e) {
                views.add(HostView.unreachable(host, role, e.getMessage()));
            }
        }
        return new FleetStatus(service, role, views);
    }

    /** Every host over connections already open; throws when one cannot be read. */
    public FleetStatus read(final List<Connection> hosts) {
        return new FleetStatus(service, role, hosts.stream().map(this::read).toList());
    }

    private HostView read(final Connection host) {
        return HostView.read(host.host(), role, ledger.read(host, service, HISTORY_LINES), lock.status(host, service));
    }
}
