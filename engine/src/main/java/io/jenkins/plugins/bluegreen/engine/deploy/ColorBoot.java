package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.config.DeployConfig;
import io.jenkins.plugins.bluegreen.engine.config.Role;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ImagePull;
import io.jenkins.plugins.bluegreen.engine.container.RegistryLogin;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.time.Duration;
import java.util.Optional;

/**
 * Puts a release into one color's slot on one host: gives a stale container there way, makes sure
 * the host has the image, writes the secret env file from stdin, and starts the container. Returns
 * the first command that failed rather than throwing, so a fan-out over hosts reports every host.
 */
final class ColorBoot {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final DeployConfig config;
    private final ContainerCommands containers;
    private final ReleaseSpecs specs;
    private final Timeline timeline;
    private final ImagePull images;
    private final DeployStamp stamp;
    private final String version;

    ColorBoot(final DeployConfig config, final ContainerCommands containers, final ReleaseSpecs specs,
              final Timeline timeline, final Optional<RegistryLogin> registry, final DeployStamp stamp,
              final String version) {
        this.config = config;
        this.containers = containers;
        this.specs = specs;
        this.timeline = timeline;
        this.images = new ImagePull(containers, registry, COMMAND_TIMEOUT);
        this.stamp = stamp;
        this.version = version;
    }

    /**
     * @param slotTaken whether a container of {@code color} is already there (a finished keep-warm, a
     *                  cancelled deploy): it gives way to the new release
     */
    CommandResult on(final Connection c, final Role role, final Color color, final boolean slotTaken) {
        var host = c.host();
        var spec = specs.spec(role, color, version);
        var name = spec.containerName();
        if (slotTaken) {
            run(c, containers.stop(name, config.drainTimeout()));
            run(c, containers.remove(name)).orThrow();
        }
        var pulled = images.ensure(c, spec.image(), step -> timeline.info(Phase.BOOT, host.toString(), step));
        if (!pulled.ok()) {
            return pulled;
        }
        if (!spec.secretEnv().isEmpty()) {
            var content = ContainerCommands.envFileContent(spec, specs.secrets(role));
            var written = c.run(containers.writeEnvFile(spec), content, OutputListener.discard(), COMMAND_TIMEOUT);
            if (!written.ok()) {
                return written;
            }
        }
        var started = run(c, containers.run(spec, stamp));
        if (started.ok()) {
            timeline.info(Phase.BOOT, host.toString(), "started " + name + " (" + version + ")");
        }
        return started;
    }

    private CommandResult run(final Connection c, final Command command) {
        return c.run(command, OutputListener.discard(), COMMAND_TIMEOUT);
    }
}
