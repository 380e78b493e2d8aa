package io.jenkins.plugins.bluegreen.steps;

import io.jenkins.plugins.bluegreen.engine.window.RepositoryPolicy;
import java.nio.file.Paths;
import jenkins.security.MasterToSlaveCallable;

/**
 * Reads, on the machine holding the workspace, what the repository's Kamal config says that bears
 * on the deployment window: its own windows and the hosts it deploys to. The engine decides what
 * counts ({@link RepositoryPolicy}): a repository may only tighten the admins' policy, and its hosts
 * put it under the policy of every destination the admins tied them to.
 */
final class RepositoryWindows extends MasterToSlaveCallable<RepositoryPolicy, RuntimeException> {
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
    public RepositoryPolicy call() {
        return RepositoryPolicy.read(Paths.get(workspace), configFile, destination);
    }
}
