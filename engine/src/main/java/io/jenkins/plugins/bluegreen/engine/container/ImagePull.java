package io.jenkins.plugins.bluegreen.engine.container;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes sure a host has an image before anything runs it: a host that has it is left alone (images
 * built or loaded there, and no registry round trip on every deploy); a host that lacks it logs in
 * to the config's registry, when there is one, and pulls. A boot and a one-off migration container
 * need the same, and a private registry must not work for one and fail for the other.
 */
public final class ImagePull {
    private final ContainerCommands containers;
    private final Optional<RegistryLogin> registry;
    private final Duration timeout;

    public ImagePull(final ContainerCommands containers, final Optional<RegistryLogin> registry,
                     final Duration timeout) {
        this.containers = containers;
        this.registry = registry;
        this.timeout = timeout;
    }

    /**
     * @param progress told each step that goes beyond the check ("logging in to …", "pulling …")
     * @return the first command that failed, or a successful result once the host has the image
     */
    public CommandResult ensure(final Connection c, final String image, final Consumer<String> progress) {
        var present = run(c, containers.imageExists(image));
        if (present.ok()) {
            return present;
        }
        if (registry.isPresent()) {
            progress.accept("logging in to " + registry.get());
            var login = c.run(registry.get().command(containers), registry.get().stdin(), OutputListener.discard(),
                    timeout);
            if (!login.ok()) {
                return login;
            }
        }
        progress.accept("pulling " + image);
        return run(c, containers.pull(image));
    }

    private CommandResult run(final Connection c, final Command command) {
        return c.run(command, OutputListener.discard(), timeout);
    }
}
