package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.config.DeployConfig;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.ledger.Ledger;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.Connector;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.rollback.StatusReader;

import java.io.PrintWriter;
import java.util.List;

/**
 * The deployed service a command works on, as its loaded config describes it: which service and
 * destination, the hosts of its traffic-carrying role and the run directory.
 */
final class ServiceHosts {
    private final LoadedConfig loaded;
    private final String destination;

    /** Loads the config the source names, printing its warnings; throws for a config that is not valid. */
    ServiceHosts(final ConfigSource source, final PrintWriter err) {
        this.loaded = source.load(err);
        this.destination = source.destination().orElse(null);
    }

    DeployConfig config() {
        return loaded.config();
    }

    Service service() {
        return new Service(config().service(), destination);
    }

    /** The role whose hosts carry public traffic: what status shows and rollback switches. */
    String role() {
        return config().primaryRoleName();
    }

    List<Host> hosts() {
        return config().primaryRole().hosts();
    }

    ContainerCommands containers() {
        var x = config().extension();
        return new ContainerCommands(x.runtime(), x.runDirectory());
    }

    StatusReader statusReader() {
        var containers = containers();
        return new StatusReader(service(), role(), new Ledger(containers), new DeployLock(containers.runDir()));
    }

    LoadedConfig loaded() {
        return loaded;
    }

    Connector connector(final HostAccess access, final EventSink events) {
        return access.connector(config().ssh(), loaded.secretMask(), events);
    }

    Connections connections(final HostAccess access, final EventSink events) {
        return new Connections(connector(access, events));
    }
}
