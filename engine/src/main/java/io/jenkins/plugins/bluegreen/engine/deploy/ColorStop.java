package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.config.DeployConfig;
import io.jenkins.plugins.bluegreen.engine.config.Role;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.EachHost;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.time.Duration;
import java.util.List;

/**
 * Stops the containers of one color of a release, each given {@code drain_timeout} to finish its
 * work. A host that fails is reported, never fatal: a stop runs when the outcome is already decided
 * (an aborted deploy, a retired color), and one unreachable host must not undo it.
 */
final class ColorStop {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final DeployConfig config;
    private final ContainerCommands containers;
    private final ReleaseSpecs specs;
    private final Timeline timeline;
    private final String version;

    ColorStop(final DeployConfig config, final ContainerCommands containers, final ReleaseSpecs specs,
              final Timeline timeline, final String version) {
        this.config = config;
        this.containers = containers;
        this.specs = specs;
        this.timeline = timeline;
        this.version = version;
    }

    /** Stops the new release's {@code color} on every role of {@code booted}; traffic is not touched. */
    void newRelease(final Connections connections, final List<Host> booted, final Color color) {
        var stopped = EachHost.run(List.copyOf(booted), host -> {
            for (Role role : config.roles()) {
                if (role.hosts().contains(host)) {
                    connections.get(host).run(containers.stop(containerName(role, color), config.drainTimeout()),
                            OutputListener.discard(), COMMAND_TIMEOUT);
                }
            }
            return host;
        });
        stopped.failures().forEach((host, why) -> timeline.error(Phase.ROLLBACK, host.toString(),
                "could not stop the new color " + color + " (" + why + "); the next deploy replaces it"));
        if (!stopped.values().isEmpty()) {
            timeline.info(Phase.ROLLBACK, null, "stopped " + version + " on " + color + " on "
                    + stopped.values().size() + " host(s)");
        }
    }

    /** Stops {@code roles} on the old {@code color}, once the release on the other one has taken over. */
    void oldColor(final Connections connections, final List<Role> roles, final Color color) {
        if (roles.isEmpty()) {
            return;
        }
        timeline.phase(Phase.RETIRE, () -> {
            for (Role role : roles) {
                var stopped = EachHost.run(role.hosts(), host -> connections.get(host).run(containers.stop(
                        containerName(role, color), config.drainTimeout()), OutputListener.discard(),
                        COMMAND_TIMEOUT).orThrow());
                stopped.failures().forEach((host, why) -> timeline.warn(Phase.RETIRE, host.toString(),
                        "could not stop " + role.name() + " on the old color " + color + ": " + why));
                if (!stopped.values().isEmpty()) {
                    timeline.info(Phase.RETIRE, null, "stopped " + role.name() + " on the old color " + color
                            + " on " + stopped.values().size() + " host(s), each given drain_timeout "
                            + config.drainTimeout().toSeconds() + "s to finish its work");
                }
            }
        });
    }

    private String containerName(final Role role, final Color color) {
        return specs.spec(role, color, version).containerName();
    }
}
