package io.jenkins.plugins.bluegreen.steps;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Cause;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.api.DeployEnvironment;
import io.jenkins.plugins.bluegreen.engine.approval.StartedBy;
import io.jenkins.plugins.bluegreen.engine.api.SshAccess;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployAbortedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jenkins.security.MasterToSlaveCallable;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What every step does around an engine call: find the SSH key by ID for this build, name the
 * user who asked, run the call where the step runs, and turn the engine's failures into one-line
 * build failures.
 */
final class EngineCall {
    private EngineCall() {}

    /**
     * The hosts' access for this build: the step's credentials, else the global default, plus the
     * global known_hosts. {@code findCredentialById(id, type, run)} records the use on the credential
     * itself while the build runs (credentials plugin, CredentialsProvider).
     */
    static SshAccess sshAccess(final String functionName, final String stepCredentialsId, final Run<?, ?> run)
            throws IOException, InterruptedException {
        var config = BlueGreenConfiguration.get();
        var id = Optional.ofNullable(Util.fixEmptyAndTrim(stepCredentialsId)).orElse(config.getSshCredentialsId());
        if (id == null) {
            throw new AbortException(functionName + ": credentialsId: expected the ID of 'SSH Username with private key'"
                    + " credentials, got none on the step and no default in Manage Jenkins > System > Blue-Green Deploy");
        }
        var key = CredentialsProvider.findCredentialById(id, SSHUserPrivateKey.class, run);
        if (key == null) {
            throw new AbortException(functionName + ": credentialsId: expected 'SSH Username with private key' credentials"
                    + " this build may use, got '" + id + "', which is missing, of another kind, or not allowed here");
        }
        var passphrase = Util.fixEmpty(Secret.toString(key.getPassphrase()));
        return engine(functionName,
                () -> new SshAccess(id, key.getUsername(), key.getPrivateKeys(), passphrase, config.getKnownHosts()));
    }

    /**
     * The person who asked for this build: who clicked Build, else the nearest person up the chain of
     * builds that started it (the engine's {@link StartedBy} rule); {@code null} when the chain leads
     * to nobody (a timer, an SCM push, a remote trigger).
     */
    static String requester(final Run<?, ?> run) {
        return StartedBy.requester(startedBy(run.getCauses())).orElse(null);
    }

    /** Core keeps each upstream build's own causes in its {@code UpstreamCause}, cut at ten levels. */
    private static List<StartedBy> startedBy(final List<Cause> causes) {
        var chain = new ArrayList<StartedBy>();
        for (Cause cause : causes) {
            if (cause instanceof Cause.UserIdCause user) {
                chain.add(new StartedBy.Person(user.getUserId()));
            }
            else if (cause instanceof Cause.UpstreamCause upstream) {
                chain.add(new StartedBy.Upstream(startedBy(upstream.getUpstreamCauses())));
            }
        }
        return chain;
    }

    /**
     * Runs an engine call on the agent holding the step's workspace, its events in the build log,
     * with the step's variables the config refers to. Every step that calls the engine requires a
     * {@code FilePath}, so none runs on the controller.
     */
    static <T> T onNode(final String functionName, final StepContext context, final SshAccess ssh,
            final EngineTask.Work<T> work) throws IOException, InterruptedException {
        var workspace = context.get(FilePath.class);
        var listener = context.get(TaskListener.class);
        var environment = work.config() == null ? DeployEnvironment.NONE
                : environment(context, onNode(functionName, workspace, new EngineTask<>(listener, null,
                        workspace.getRemote(), DeployEnvironment.NONE, new EngineTask.EnvironmentNames(work.config()))));
        return onNode(functionName, workspace, new EngineTask<>(listener, ssh, workspace.getRemote(), environment, work));
    }

    /**
     * The step's environment, {@code withCredentials} included, cut down to the names the config
     * refers to: that is what reaches the deploy, never the agent's own process environment. The
     * step context's {@code EnvVars} carry what {@code withCredentials} bound, and its
     * {@code EnvironmentExpander} names the variables that hold secrets (workflow-cps reads both the
     * same way in {@code DSL.invokeStep}); their values are masked in everything the deploy prints.
     * Inside {@code node} those {@code EnvVars} start from the agent's process environment
     * ({@code computer.getEnvironment()} in workflow-durable-task-step's {@code ExecutorStepExecution}),
     * so the engine is given that too, to leave out what only the agent set.
     */
    private static DeployEnvironment environment(final StepContext context, final Set<String> referenced)
            throws IOException, InterruptedException {
        var env = context.get(EnvVars.class);
        var expander = context.get(EnvironmentExpander.class);
        var computer = context.get(Computer.class);
        return DeployEnvironment.of(env == null ? Map.of() : env,
                expander == null ? Set.of() : expander.getSensitiveVariables(), referenced,
                computer == null ? Map.of() : computer.getEnvironment());
    }

    /** Runs the task on the agent holding the workspace. */
    static <T> T onNode(final String functionName, final FilePath workspace, final MasterToSlaveCallable<T, RuntimeException> task)
            throws IOException, InterruptedException {
        var channel = workspace.getChannel();
        if (channel == null) {
            throw new AbortException(functionName + ": the agent holding the workspace " + workspace.getRemote()
                    + " is offline");
        }
        return engine(functionName, () -> channel.call(task));
    }

    /**
     * Runs engine code, turning a user mistake or a failed deploy into a build failure without a
     * stack trace. A deploy that failed the watch keeps what the watch saw (it crossed the agent
     * channel inside the engine's exception) for the build's deployment record.
     */
    static <T> T engine(final String functionName, final Work<T> work) throws IOException, InterruptedException {
        try {
            return work.run();
        }
        catch (InvalidInputException e) {
            throw new AbortException(functionName + ": " + e.getMessage());
        }
        catch (DeployFailedException e) {
            var message = functionName + " failed: " + e.getMessage();
            if (e instanceof DeployAbortedException aborted && aborted.watch() != null) {
                throw new FailedTheWatch(message, aborted.watch());
            }
            throw new AbortException(message);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException, InterruptedException;
    }
}
