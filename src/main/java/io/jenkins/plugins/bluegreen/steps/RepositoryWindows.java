package io.jenkins.plugins.bluegreen.steps;

import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.window.WindowPolicies;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Optional;
import jenkins.security.MasterToSlaveCallable;

/**
 * Reads the repository's own window policy ({@code x-bluegreen.windows} of the Kamal config) on
 * the machine holding the workspace. {@code null} when the config or the section is absent: then
 * the admins' policy alone applies. A repository may only tighten that policy (see
 * {@link WindowPolicies#tightenedBy}).
 */
final class RepositoryWindows extends MasterToSlaveCallable<WindowPolicies, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final String workspace;
    private final String configFile;
    private final String destination;

    RepositoryWindows(final String workspace, final String configFile, final String destination) {
        this.workspace = workspace;
        this.configFile = configFile;
        this.destination = destination;
    }

    @Override
    public WindowPolicies call() {
        var file = Paths.get(workspace).resolve(configFile);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        var windows = ConfigLoader.load(file, Optional.ofNullable(destination)).config().extension().windows();
        return windows.present() ? WindowPolicies.parse(windows.node(), windows.file(), windows.path()) : null;
    }
}
