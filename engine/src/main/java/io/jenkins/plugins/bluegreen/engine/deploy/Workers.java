package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.config.DeployConfig;
import io.jenkins.plugins.bluegreen.engine.config.Role;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.ledger.LiveState;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.EachHost;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roles without traffic of one deploy or rollback: workers take no requests, so they have no
 * URL to gate and no switch. A worker counts as ready when its container still runs after
 * {@code readiness_delay} (Kamal's rule for roles without a proxy): an app that cannot start (bad
 * config, missing dependency) has exited by then. Two colors of a worker would take every job
 * twice, so exactly one runs once a deploy or rollback is over.
 */
final class Workers {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final int LOG_LINES = 20;

    private final DeployConfig config;
    private final ContainerCommands containers;
    private final ReleaseSpecs specs;
    private final Timeline timeline;
    private final Connections connections;
    private final String version;

    Workers(final DeployConfig config, final ContainerCommands containers, final ReleaseSpecs specs,
            final Timeline timeline, final Connections connections, final String version) {
        this.config = config;
        this.containers = containers;
        this.specs = specs;
        this.timeline = timeline;
        this.connections = connections;
        this.version = version;
    }

    /** Every role but the traffic one. */
    List<Role> roles() {
        return config.roles().stream().filter(r -> !r.name().equals(config.primaryRoleName())).toList();
    }

    /**
     * Waits {@code readiness_delay}, then checks that every worker of {@code color} still runs and
     * never restarted; a worker that did not shows its last log lines and fails.
     *
     * @param stillWanted throws when the deploy was cancelled during the wait
     */
    void awaitReady(final Color color, final Runnable stillWanted) {
        var workers = roles();
        if (workers.isEmpty()) {
            return;
        }
        var delay = config.readinessDelay();
        timeline.info(Phase.BOOT, null, "waiting " + delay.toMillis() + "ms (readiness_delay) before checking that "
                + workers.stream().map(Role::name).toList() + " still run on " + color);
        try {
            Thread.sleep(delay.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stillWanted.run();
        for (Role role : workers) {
            EachHost.run(role.hosts(), host -> {
                var name = containerName(role, color);
                var state = connections.get(host).run(containers.state(name), OutputListener.discard(),
                        COMMAND_TIMEOUT);
                var status = state.ok() ? state.stdout().strip() : "not found";
                if (!"running 0".equals(status)) {
                    var logs = connections.get(host).run(containers.logs(name, LOG_LINES), OutputListener.discard(),
                            COMMAND_TIMEOUT);
                    timeline.warn(Phase.BOOT, host.toString(), "last lines of " + name + ":\n" + logs.stdout());
                    throw new DeployFailedException(name + " is " + describe(status) + " after readiness_delay ("
                            + delay.toMillis() + "ms), expected it running since its start");
                }
                timeline.info(Phase.BOOT, host.toString(), name + " is running (" + version + ")");
                return host;
            }).orThrow("readiness of " + version + " (" + role.name() + ") on " + color);
        }
    }

    /** Hosts where a worker's stopped container of {@code color} is gone or holds another release. */
    Optional<String> obstacle(final Map<Host, LiveState> states, final Color color) {
        var found = new ArrayList<String>();
        for (Role role : roles()) {
            for (Host host : role.hosts()) {
                var name = containerName(role, color);
                var held = states.get(host).slot(role.name(), color).map(s -> s.release().version());
                if (held.isEmpty()) {
                    found.add(name + " is gone from " + host);
                }
                else if (!held.get().equals(version)) {
                    found.add(name + " on " + host + " holds " + held.get() + ", expected " + version);
                }
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", found));
    }

    /** Starts the stopped containers of every worker on {@code color}, then checks their readiness. */
    void startAgain(final Color color, final Runnable stillWanted) {
        for (Role role : roles()) {
            EachHost.run(role.hosts(), host -> connections.get(host).run(containers.start(containerName(role, color)),
                    OutputListener.discard(), COMMAND_TIMEOUT).orThrow())
                    .orThrow("starting " + version + " (" + role.name() + ") on " + color);
            timeline.info(Phase.ROLLBACK, null, "started " + role.name() + " " + version + " on " + color + " on "
                    + role.hosts().size() + " host(s)");
        }
        awaitReady(color, stillWanted);
    }

    private String containerName(final Role role, final Color color) {
        return specs.spec(role, color, version).containerName();
    }

    /** {@code running 3} as people read it: {@code running, restarted 3 times}. */
    private static String describe(final String status) {
        var parts = status.split(" ");
        return parts.length == 2 && !"0".equals(parts[1]) ? parts[0] + ", restarted " + parts[1] + " time(s)"
                : parts[0];
    }
}
