package io.jenkins.plugins.bluegreen.steps;

import hudson.model.TaskListener;
import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.api.DeployEngine;
import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.api.DeployRequest;
import io.jenkins.plugins.bluegreen.engine.api.GateOutcome;
import io.jenkins.plugins.bluegreen.engine.api.HealthGateRequest;
import io.jenkins.plugins.bluegreen.engine.api.MigrationOutcome;
import io.jenkins.plugins.bluegreen.engine.api.MigrationRequest;
import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import io.jenkins.plugins.bluegreen.engine.api.SshAccess;
import io.jenkins.plugins.bluegreen.engine.api.StagedRelease;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import java.nio.file.Path;
import java.nio.file.Paths;
import jenkins.security.MasterToSlaveCallable;

/**
 * One engine call, sent to the machine that runs the step (the agent holding the workspace), so
 * SSH connections and health checks leave from where the pipeline author expects. Each kind of call
 * is a small named class: remoting does not carry lambdas.
 */
abstract class EngineTask<T> extends MasterToSlaveCallable<T, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final TaskListener listener;
    private final SshAccess ssh;
    private final String workspace;

    /**
     * @param ssh the hosts' access, or {@code null} for calls that need none
     * @param workspace the workspace path on that machine, or {@code null} for calls that read no file
     */
    EngineTask(final TaskListener listener, final SshAccess ssh, final String workspace) {
        this.listener = listener;
        this.ssh = ssh;
        this.workspace = workspace;
    }

    @Override
    public final T call() {
        var mask = ssh == null ? SecretMask.none() : SecretMask.of(ssh.secrets());
        try {
            return call(DeployEngine.load(), ssh, workspace == null ? null : Paths.get(workspace), new BuildLog(listener, mask));
        }
        // The engine masks its messages already; a second pass costs nothing and these end up in the build log.
        catch (InvalidInputException e) {
            throw new InvalidInputException(mask.apply(e.getMessage()));
        }
        catch (DeployFailedException e) {
            throw new DeployFailedException(mask.apply(e.getMessage()));
        }
    }

    abstract T call(DeployEngine engine, SshAccess access, Path workspaceDir, EventSink events);

    static final class Stage extends EngineTask<StagedRelease> {
        private static final long serialVersionUID = 1L;
        private final DeployRequest request;

        Stage(final TaskListener listener, final SshAccess ssh, final String workspace, final DeployRequest request) {
            super(listener, ssh, workspace);
            this.request = request;
        }

        @Override
        StagedRelease call(final DeployEngine engine, final SshAccess access, final Path workspaceDir, final EventSink events) {
            return engine.stage(request, access, workspaceDir, events);
        }
    }

    static final class Promote extends EngineTask<DeployOutcome> {
        private static final long serialVersionUID = 1L;
        private final StagedRelease staged;

        Promote(final TaskListener listener, final SshAccess ssh, final String workspace, final StagedRelease staged) {
            super(listener, ssh, workspace);
            this.staged = staged;
        }

        @Override
        DeployOutcome call(final DeployEngine engine, final SshAccess access, final Path workspaceDir, final EventSink events) {
            return engine.promote(staged, access, workspaceDir, events);
        }
    }

    static final class Abandon extends EngineTask<DeployOutcome> {
        private static final long serialVersionUID = 1L;
        private final StagedRelease staged;
        private final String why;

        Abandon(final TaskListener listener, final SshAccess ssh, final String workspace, final StagedRelease staged,
                final String why) {
            super(listener, ssh, workspace);
            this.staged = staged;
            this.why = why;
        }

        @Override
        DeployOutcome call(final DeployEngine engine, final SshAccess access, final Path workspaceDir, final EventSink events) {
            return engine.abandon(staged, why, access, workspaceDir, events);
        }
    }

    static final class Migrate extends EngineTask<MigrationOutcome> {
        private static final long serialVersionUID = 1L;
        private final MigrationRequest request;

        Migrate(final TaskListener listener, final SshAccess ssh, final String workspace, final MigrationRequest request) {
            super(listener, ssh, workspace);
            this.request = request;
        }

        @Override
        MigrationOutcome call(final DeployEngine engine, final SshAccess access, final Path workspaceDir, final EventSink events) {
            return engine.migrate(request, access, workspaceDir, events);
        }
    }

    static final class Rollback extends EngineTask<DeployOutcome> {
        private static final long serialVersionUID = 1L;
        private final RollbackRequest request;

        Rollback(final TaskListener listener, final SshAccess ssh, final String workspace, final RollbackRequest request) {
            super(listener, ssh, workspace);
            this.request = request;
        }

        @Override
        DeployOutcome call(final DeployEngine engine, final SshAccess access, final Path workspaceDir, final EventSink events) {
            return engine.rollback(request, access, workspaceDir, events);
        }
    }

    static final class Gate extends EngineTask<GateOutcome> {
        private static final long serialVersionUID = 1L;
        private final HealthGateRequest request;

        Gate(final TaskListener listener, final HealthGateRequest request) {
            super(listener, null, null);
            this.request = request;
        }

        @Override
        GateOutcome call(final DeployEngine engine, final SshAccess access, final Path workspaceDir, final EventSink events) {
            return engine.healthGate(request, events);
        }
    }
}
