package io.jenkins.plugins.bluegreen.steps;

import hudson.model.TaskListener;
import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.api.DeployEngine;
import io.jenkins.plugins.bluegreen.engine.api.DeployEnvironment;
import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.api.DeployRequest;
import io.jenkins.plugins.bluegreen.engine.api.GateOutcome;
import io.jenkins.plugins.bluegreen.engine.api.HealthGateRequest;
import io.jenkins.plugins.bluegreen.engine.api.MigrationOutcome;
import io.jenkins.plugins.bluegreen.engine.api.MigrationRequest;
import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import io.jenkins.plugins.bluegreen.engine.api.SshAccess;
import io.jenkins.plugins.bluegreen.engine.api.StagedRelease;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployAbortedException;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
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
    private final DeployEnvironment environment;
    private final Work<T> work;

    /**
     * @param ssh the hosts' access, or {@code null} for calls that need none
     * @param workspace the workspace path on that machine
     * @param environment the step's variables the config refers to; the agent's own are never read
     */
    EngineTask(final TaskListener listener, final SshAccess ssh, final String workspace,
               final DeployEnvironment environment, final Work<T> work) {
        this.listener = listener;
        this.ssh = ssh;
        this.workspace = workspace;
        this.environment = environment;
        this.work = work;
    }

    @Override
    public T call() {
        var mask = (ssh == null ? SecretMask.none() : SecretMask.of(ssh.secrets())).with(environment.secrets());
        try {
            return work.call(DeployEngine.load(), new Inputs(ssh, Paths.get(workspace), environment),
                    new BuildLog(listener, mask));
        }
        // The engine masks its messages already; a second pass costs nothing and these end up in the build log.
        catch (InvalidInputException e) {
            throw new InvalidInputException(mask.apply(e.getMessage()));
        }
        // with its result, so what the watch saw crosses the channel to the build's deployment record
        catch (DeployAbortedException e) {
            throw new DeployAbortedException(mask.apply(e.getMessage()), e.result());
        }
        catch (DeployFailedException e) {
            throw new DeployFailedException(mask.apply(e.getMessage()));
        }
    }

    /** What the task brings to the engine on the agent besides the work itself. */
    record Inputs(SshAccess ssh, Path workspaceDir, DeployEnvironment environment) {
    }

    /** The Kamal config a piece of work reads, relative to the workspace. */
    record ConfigFile(String path, String destination) implements Serializable {
    }

    /** What one task asks of the engine; it travels to the agent with the task. */
    interface Work<T> extends Serializable {
        T call(DeployEngine engine, Inputs inputs, EventSink events);

        /** The config this work reads, so the step hands over only the variables it names; {@code null} when none. */
        default ConfigFile config() {
            return null;
        }
    }

    /** The variables a config refers to: the names the step may hand over with the work that reads it. */
    record EnvironmentNames(ConfigFile config) implements Work<Set<String>> {
        @Override
        public Set<String> call(final DeployEngine engine, final Inputs inputs, final EventSink events) {
            // a plain set: remoting carries it back to the controller
            return new TreeSet<>(engine.environmentNames(config.path(), config.destination(), inputs.workspaceDir()));
        }
    }

    record Stage(DeployRequest request) implements Work<StagedRelease> {
        @Override
        public StagedRelease call(final DeployEngine engine, final Inputs inputs, final EventSink events) {
            return engine.stage(request, inputs.ssh(), inputs.workspaceDir(), inputs.environment(), events);
        }

        @Override
        public ConfigFile config() {
            return new ConfigFile(request.configFile(), request.destination());
        }
    }

    record Promote(StagedRelease staged) implements Work<DeployOutcome> {
        @Override
        public DeployOutcome call(final DeployEngine engine, final Inputs inputs, final EventSink events) {
            return engine.promote(staged, inputs.ssh(), inputs.workspaceDir(), inputs.environment(), events);
        }

        @Override
        public ConfigFile config() {
            return new ConfigFile(staged.request().configFile(), staged.request().destination());
        }
    }

    record Abandon(StagedRelease staged, String why) implements Work<DeployOutcome> {
        @Override
        public DeployOutcome call(final DeployEngine engine, final Inputs inputs, final EventSink events) {
            return engine.abandon(staged, why, inputs.ssh(), inputs.workspaceDir(), inputs.environment(), events);
        }

        @Override
        public ConfigFile config() {
            return new ConfigFile(staged.request().configFile(), staged.request().destination());
        }
    }

    record Migrate(MigrationRequest request) implements Work<MigrationOutcome> {
        @Override
        public MigrationOutcome call(final DeployEngine engine, final Inputs inputs, final EventSink events) {
            return engine.migrate(request, inputs.ssh(), inputs.workspaceDir(), inputs.environment(), events);
        }

        @Override
        public ConfigFile config() {
            return new ConfigFile(request.configFile(), request.destination());
        }
    }

    record Rollback(RollbackRequest request) implements Work<DeployOutcome> {
        @Override
        public DeployOutcome call(final DeployEngine engine, final Inputs inputs, final EventSink events) {
            return engine.rollback(request, inputs.ssh(), inputs.workspaceDir(), inputs.environment(), events);
        }

        @Override
        public ConfigFile config() {
            return new ConfigFile(request.configFile(), request.destination());
        }
    }

    /** Needs no hosts' access, no file and no variables: it only polls, from the agent. */
    record Gate(HealthGateRequest request) implements Work<GateOutcome> {
        @Override
        public GateOutcome call(final DeployEngine engine, final Inputs inputs, final EventSink events) {
            return engine.healthGate(request, events);
        }
    }
}
