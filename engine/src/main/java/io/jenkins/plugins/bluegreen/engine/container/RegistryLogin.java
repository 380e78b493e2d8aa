package io.jenkins.plugins.bluegreen.engine.container;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.config.ConfigValue;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import io.jenkins.plugins.bluegreen.engine.config.SecretRef;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The config's {@code registry} with its references looked up: resolved when a deploy or a
 * migration starts, so a missing variable stops it before any host is touched rather than halfway
 * through a boot. The password only ever leaves as the stdin of the login command.
 */
public final class RegistryLogin {
    private final String server;
    private final String username;
    private final byte[] password;

    private RegistryLogin(final String server, final String username, final byte[] password) {
        this.server = server;
        this.username = username;
        this.password = password;
    }

    /**
     * Empty when the config names no registry (images come from a public one or are on the hosts) or
     * a local one without credentials, which takes no login.
     */
    public static Optional<RegistryLogin> of(final LoadedConfig loaded) {
        return loaded.config().registry().flatMap(r -> r.credentials().map(login -> new RegistryLogin(r.server(),
                resolve(loaded, "registry/username", login.username()),
                resolve(loaded, "registry/password", login.password()).getBytes(StandardCharsets.UTF_8))));
    }

    private static String resolve(final LoadedConfig loaded, final String key, final ConfigValue value) {
        try {
            return loaded.resolve(value);
        }
        catch (InvalidInputException e) {
            var name = value instanceof SecretRef ref ? ref.name() : value.display();
            throw new InvalidInputException(key + ": environment variable " + name + " is not set; expected it to"
                    + " hold the registry credential for the deploy");
        }
    }

    public Command command(final ContainerCommands containers) {
        return containers.login(server, username);
    }

    /** The login command's stdin. */
    public byte[] stdin() {
        return password.clone();
    }

    @Override
    public String toString() {
        return server + " as " + username;
    }
}
