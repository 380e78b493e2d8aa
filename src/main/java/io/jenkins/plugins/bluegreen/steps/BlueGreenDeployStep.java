package io.jenkins.plugins.bluegreen.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.config.DeploymentPolicyConfiguration;
import io.jenkins.plugins.bluegreen.engine.api.DeployRequest;
import io.jenkins.plugins.bluegreen.engine.api.StagedRelease;
import io.jenkins.plugins.bluegreen.engine.window.HotfixOverride;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code blueGreenDeploy}: boots a release on the idle color, gates it on health, runs the optional
 * block (smoke tests) while traffic still goes to the live color, then switches. A failing block
 * stops the new color and leaves traffic where it was.
 */
public class BlueGreenDeployStep extends HostStep {
    static final String FUNCTION = "blueGreenDeploy";

    private String version;
    private boolean hotfix;
    private String reason;
    private Integer intervalSeconds;
    private Integer timeoutSeconds;
    private Integer successes;

    @DataBoundConstructor
    public BlueGreenDeployStep() {
        // every parameter has a default: config/deploy.yml, the commit being built, the global gate
    }

    public String getVersion() {
        return version;
    }

    /** The image tag to deploy; empty means the commit being built ({@code GIT_COMMIT}). */
    @DataBoundSetter
    public void setVersion(final String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    public boolean isHotfix() {
        return hotfix;
    }

    @DataBoundSetter
    public void setHotfix(final boolean hotfix) {
        this.hotfix = hotfix;
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(final String reason) {
        this.reason = Util.fixEmptyAndTrim(reason);
    }

    public Integer getIntervalSeconds() {
        return intervalSeconds;
    }

    @DataBoundSetter
    public void setIntervalSeconds(final Integer intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(final Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public Integer getSuccesses() {
        return successes;
    }

    @DataBoundSetter
    public void setSuccesses(final Integer successes) {
        this.successes = successes;
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(context, this);
    }

    /**
     * Stages in a background thread, runs the block on the CPS VM, promotes or abandons in a
     * background thread again. Only serializable values are kept, so a restart while the block runs
     * resumes it; the SSH key is looked up again after the block rather than stored.
     */
    static final class Execution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 1L;

        private final transient BlueGreenDeployStep step;
        private final String credentialsId;
        private StagedRelease staged;

        Execution(final StepContext context, final BlueGreenDeployStep step) {
            super(context);
            this.step = step;
            this.credentialsId = step.getCredentialsId();
        }

        @Override
        public boolean start() {
            run(this::stage);
            return false;
        }

        private void stage() throws IOException, InterruptedException {
            var context = getContext();
            var run = context.get(Run.class);
            var listener = context.get(TaskListener.class);
            var workspace = context.get(FilePath.class);
            var request = EngineCall.engine(FUNCTION, () -> request(run, context.get(EnvVars.class)));
            checkWindow(request, run, listener);
            var ssh = EngineCall.sshAccess(FUNCTION, credentialsId, run);
            staged = EngineCall.onNode(FUNCTION, workspace,
                    new EngineTask.Stage(listener, ssh, workspace.getRemote(), request));
            if (context.hasBody()) {
                listener.getLogger().println("[" + FUNCTION + "] " + request.version() + " passed its gate on "
                        + staged.idleColor() + "; running the block before traffic moves");
                context.newBodyInvoker().withCallback(new AfterBlock()).start();
            }
            else {
                promote();
            }
        }

        private DeployRequest request(final Run<?, ?> run, final EnvVars env) {
            var version = step.getVersion() == null ? env.get("GIT_COMMIT") : step.getVersion();
            var hotfixParameter = DeploymentPolicyConfiguration.get().getHotfixParameter();
            var hotfix = step.isHotfix() || Boolean.parseBoolean(env.get(hotfixParameter));
            var gate = BlueGreenConfiguration.get().gateDefaults()
                    .overriddenBy(step.getIntervalSeconds(), step.getTimeoutSeconds(), step.getSuccesses());
            return new DeployRequest(step.getConfigFile(), step.getDestination(), version, EngineCall.requester(run),
                    hotfix, step.getReason(), gate);
        }

        /**
         * The admins' window policy is checked before any host is touched; the engine decides. A
         * hotfix that opens a closed window needs on-call approval on this build.
         */
        private void checkWindow(final DeployRequest request, final Run<?, ?> run, final TaskListener listener)
                throws IOException, InterruptedException {
            var decision = EngineCall.engine(FUNCTION, () -> {
                var override = request.hotfix()
                        ? Optional.of(new HotfixOverride(request.requestedBy(), request.reason()))
                        : Optional.<HotfixOverride>empty();
                return DeploymentPolicyConfiguration.get().policies().forDestination(request.destination())
                        .decide(Instant.now(), override);
            });
            if (!decision.open()) {
                throw new FlowInterruptedException(Result.NOT_BUILT, true, new WindowClosed(decision));
            }
            if (decision.override()) {
                HotfixApproval.require(FUNCTION, run, request.requestedBy(), listener);
                listener.getLogger().println("[" + FUNCTION + "] deployment window overridden by hotfix from "
                        + decision.hotfix().requestedBy() + ": " + decision.hotfix().reason());
            }
        }

        private void promote() throws IOException, InterruptedException {
            var context = getContext();
            var run = context.get(Run.class);
            var workspace = context.get(FilePath.class);
            var ssh = EngineCall.sshAccess(FUNCTION, credentialsId, run);
            var outcome = EngineCall.onNode(FUNCTION, workspace,
                    new EngineTask.Promote(context.get(TaskListener.class), ssh, workspace.getRemote(), staged));
            context.onSuccess(outcome.asMap());
        }

        private void abandon(final Throwable why) throws IOException, InterruptedException {
            var context = getContext();
            var workspace = context.get(FilePath.class);
            var ssh = EngineCall.sshAccess(FUNCTION, credentialsId, context.get(Run.class));
            EngineCall.onNode(FUNCTION, workspace, new EngineTask.Abandon(context.get(TaskListener.class), ssh,
                    workspace.getRemote(), staged, "the block failed: " + why.getMessage()));
        }

        private final class AfterBlock extends BodyExecutionCallback {
            private static final long serialVersionUID = 1L;

            @Override
            public void onSuccess(final StepContext context, final Object result) {
                run(Execution.this::promote);
            }

            @Override
            public void onFailure(final StepContext context, final Throwable t) {
                run(() -> {
                    try {
                        abandon(t);
                    }
                    catch (Exception e) {
                        t.addSuppressed(e);
                    }
                    getContext().onFailure(t);
                });
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends HostStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Blue-green deploy: boot on the idle color, gate, switch traffic";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}
