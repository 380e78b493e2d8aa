package io.jenkins.plugins.bluegreen.engine.window;

import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.config.WorkspaceFile;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a repository's config says that bears on the deployment window: its own windows
 * ({@code x-bluegreen.windows}, which may only tighten the administrators' policy) and the hosts
 * the deploy reaches (which put it under the policy of every destination the administrators tied
 * those hosts to).
 *
 * @param windows the repository's policies, or {@code null} when its config writes none
 * @param hosts every host the config deploys to, for the destination asked for
 */
public record RepositoryPolicy(WindowPolicies windows, List<String> hosts) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No config to read (no workspace, or a step that names none): the administrators' policy by destination name alone. */
    public static final RepositoryPolicy NONE = new RepositoryPolicy(null, List.of());

    public RepositoryPolicy {
        hosts = List.copyOf(hosts);
    }

    /**
     * Reads the config a pipeline names in its workspace, for {@code destination}; {@link #NONE} when
     * it does not exist. The path may not lead out of the workspace, and the config's variables are
     * never read for this.
     */
    public static RepositoryPolicy read(final Path workspace, final String configFile, final String destination) {
        var file = WorkspaceFile.resolve(workspace, "configFile", configFile, ConfigLoader.DEFAULT_FILE);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        var config = ConfigLoader.loadInWorkspace(workspace, configFile, Optional.ofNullable(destination), name -> null)
                .config();
        var windows = config.extension().windows();
        return new RepositoryPolicy(windows.present() ? WindowPolicies.from(windows) : null,
                config.allHosts().stream().map(Host::name).toList());
    }

    /** The policy a deploy to {@code destination} is held by, under the administrators' {@code admins} floor. */
    public WindowPolicy heldBy(final WindowPolicies admins, final String destination) {
        var policies = windows == null ? admins : admins.tightenedBy(windows);
        return policies.forDeploy(destination, hosts);
    }
}
