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
import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import jenkins.security.MasterToSlaveCallable;

/**
 * One engine call, sent to the machine that runs the step (the agent holding the workspace), so
 * SSH connections and health checks leave from where the pipeline author expects. What it calls is
 * a {@link Work}: each kind is a small named record, because remoting does not carry lambdas.
 */
final class EngineTask<T> extends MasterToSlaveCallable<T, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final TaskListener listener;
    private final SshAccess ssh;
    private final String workspace;
    private final Work<T> work;

    /**
     * @param ssh the hosts' access, or {@code null} for calls that need none
     * @param workspace the workspace path on that machine, or {@code null} for calls that read no file
     */
    EngineTask(final TaskListener listener, final SshAccess ssh, final String workspace, final Work<T> work) {
        this.listener = listener;
        this.ssh = ssh;
        this.workspace = workspace;
        this.work = work;
    }

    @Override
    public T call() {
        var mask = ssh == null ? SecretMask.none() : SecretMask.of(ssh.secrets());
        try {
            return work.call(DeployEngine.load(), ssh, workspace == null ? null : Paths.get(workspace),
                    new BuildLog(listener, mask));
        }
        // The engine masks its messages already; a second pass costs nothing and these end up in the build log.
        catch (InvalidInputException e) {
            throw new InvalidInputException(mask.apply(e.getMessage()));
        }
        catch (DeployFailedException e) {
            throw new DeployFailedException(mask.apply(e.getMessage()));
        }
    }

    /** What one task asks of the engine; it travels to the agent with the task. */
    interface Work<T> extends Serializable {
        T call(DeployEngine engine, SshAccess access, Path workspaceDir, EventSink events);
    }

    record Stage(DeployRequest request) implements Work<StagedRelease> {
        @Override
        public StagedRelease call(final DeployEngine engine, final SshAccess access, final Path workspaceDir,
                final EventSink events) {
            return engine.stage(request, access, workspaceDir, events);
        }
    }

    record Promote(StagedRelease staged) implements Work<DeployOutcome> {
        @Override
        public DeployOutcome call(final DeployEngine engine, final SshAccess access, final Path workspaceDir,
                final EventSink events) {
            return engine.promote(staged, access, workspaceDir, events);
        }
    }

    record Abandon(StagedRelease staged, String why) implements Work<DeployOutcome> {
        @Override
        public DeployOutcome call(final DeployEngine engine, final SshAccess access, final Path workspaceDir,
                final EventSink events) {
            return engine.abandon(staged, why, access, workspaceDir, events);
        }
    }

    record Migrate(MigrationRequest request) implements Work<MigrationOutcome> {
        @Override
        public MigrationOutcome call(final DeployEngine engine, final SshAccess access, final Path workspaceDir,
                final EventSink events) {
            return engine.migrate(request, access, workspaceDir, events);
        }
    }

    record Rollback(RollbackRequest request) implements Work<DeployOutcome> {
        @Override
        public DeployOutcome call(final DeployEngine engine, final SshAccess access, final Path workspaceDir,
                final EventSink events) {
            return engine.rollback(request, access, workspaceDir, events);
        }
    }

    /** Needs no hosts' access and no workspace: the task carries neither. */
    record Gate(HealthGateRequest request) implements Work<GateOutcome> {
        @Override
        public GateOutcome call(final DeployEngine engine, final SshAccess access, final Path workspaceDir,
                final EventSink events) {
            return engine.healthGate(request, events);
        }
    }
}
