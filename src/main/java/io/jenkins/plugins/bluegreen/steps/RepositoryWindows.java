package io.jenkins.plugins.bluegreen.steps;

import io.jenkins.plugins.bluegreen.engine.window.WindowPolicies;
import java.nio.file.Paths;
import jenkins.security.MasterToSlaveCallable;

/**
 * Reads the repository's own window policy ({@code x-bluegreen.windows} of the Kamal config) on
 * the machine holding the workspace; the engine decides what counts (see
 * {@link WindowPolicies#ofRepository}). {@code null} when there is none: then the admins' policy
 * alone applies. A repository may only tighten that policy (see
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
        return WindowPolicies.ofRepository(Paths.get(workspace), configFile, destination).orElse(null);
    }
}
