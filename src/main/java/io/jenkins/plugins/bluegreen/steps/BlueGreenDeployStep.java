package io.jenkins.plugins.bluegreen.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.engine.api.DeployRequest;
import io.jenkins.plugins.bluegreen.engine.api.GateSettings;
import io.jenkins.plugins.bluegreen.engine.api.StagedRelease;
import io.jenkins.plugins.bluegreen.engine.report.Attempt;
import io.jenkins.plugins.bluegreen.engine.window.HotfixOverride;
import io.jenkins.plugins.bluegreen.engine.window.WindowDecision;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code blueGreenDeploy}: inside the deployment window, boots a release on the idle color, gates it
 * on health, then switches. It takes no block: workflow-cps' {@code DSL.invokeStep} refuses a call
 * without a body before {@code start()} whenever the descriptor takes one, so Pipeline has no
 * optional block. Smoke tests between the gate and the switch are {@link BlueGreenDeployWithSmokeTestsStep}.
 */
public class BlueGreenDeployStep extends WindowedStep {
    static final String FUNCTION = "blueGreenDeploy";

    private final String version;
    private Integer intervalSeconds;
    private Integer timeoutSeconds;
    private Integer successes;

    /**
     * @param version the image tag to deploy. Required: the commit being built is not a default a
     *     pipeline author can predict ({@code GIT_COMMIT} comes from {@code checkout}, not from the run).
     */
    @DataBoundConstructor
    public BlueGreenDeployStep(final String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    public String getVersion() {
        return version;
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
        return new Execution(context, this, getDescriptor());
    }

    /**
     * Waits for the deployment window (see {@link WindowedExecution}), then stages in a background
     * thread, runs the smoke tests' block (when the step takes one) on the CPS VM, looks at the window
     * once more and promotes or abandons in a background thread again. Only serializable values are kept, so a restart while held or
     * while the block runs resumes it; the SSH key is looked up again after the block rather than stored.
     */
    static final class Execution extends WindowedExecution {
        private static final long serialVersionUID = 1L;

        private final String configFile;
        private final String version;
        private final String credentialsId;
        private final Integer intervalSeconds;
        private final Integer timeoutSeconds;
        private final Integer successes;
        /** The step takes a block, so it always has one (DSL.invokeStep refuses a call without it). */
        private final boolean smokeTests;
        private StagedRelease staged;

        Execution(final StepContext context, final BlueGreenDeployStep step, final StepDescriptor descriptor) {
            super(context, step.windowRequest(descriptor.getFunctionName()));
            this.smokeTests = descriptor.takesImplicitBlockArgument();
            this.configFile = step.getConfigFile();
            this.version = step.getVersion();
            this.credentialsId = step.getCredentialsId();
            this.intervalSeconds = step.getIntervalSeconds();
            this.timeoutSeconds = step.getTimeoutSeconds();
            this.successes = step.getSuccesses();
        }

        @Override
        void proceed(final WindowDecision decision) throws IOException, InterruptedException {
            var context = getContext();
            var run = context.get(Run.class);
            var function = request().function();
            var request = EngineCall.engine(function, () -> deployRequest(run, decision.override() ? decision.hotfix() : null));
            var ssh = EngineCall.sshAccess(function, credentialsId, run);
            staged = DeploymentLedger.trackFailure(run, attempt(run, request), () -> EngineCall.onNode(function, context, ssh,
                    new EngineTask.Stage(request)));
            if (smokeTests) {
                log(request.version() + " passed its gate on " + staged.idleColor()
                        + "; running the smoke tests before traffic moves");
                context.newBodyInvoker().withCallback(new AfterBlock()).start();
            }
            else {
                switchIfStillOpen();
            }
        }

        /** A mistake in the step's own parameters fails the step now, not after days held by the window. */
        @Override
        void checkParameters() throws IOException, InterruptedException {
            EngineCall.engine(request().function(), () -> deployRequest(getContext().get(Run.class), null));
        }

        /** @param hotfix the override that opened a closed window, or {@code null} */
        private DeployRequest deployRequest(final Run<?, ?> run, final HotfixOverride hotfix) {
            var gate = GateSettings.forDeployStep(BlueGreenConfiguration.get().gateDefaults(), intervalSeconds,
                    timeoutSeconds, successes);
            return new DeployRequest(configFile, request().destination(), version, EngineCall.requester(run),
                    hotfix != null, hotfix == null ? request().reason() : hotfix.reason(), gate);
        }

        /**
         * The window may have closed while the release booted and the block ran: then traffic stays
         * where it is, the new color is stopped, and the build ends NOT_BUILT like any held deploy.
         */
        private void switchIfStillOpen() throws IOException, InterruptedException {
            var decision = decide();
            if (stillOpen(decision)) {
                promote();
                return;
            }
            log(decision.summary() + "; not switching traffic");
            abandon("the deployment window closed before the switch: " + decision.reason());
            getContext().onFailure(new FlowInterruptedException(Result.NOT_BUILT, true, new WindowClosed(decision)));
        }

        private void promote() throws IOException, InterruptedException {
            var context = getContext();
            var run = context.get(Run.class);
            var function = request().function();
            var ssh = EngineCall.sshAccess(function, credentialsId, run);
            var attempt = attempt(run, staged.request());
            var outcome = DeploymentLedger.track(run, attempt, attempt::live, () -> EngineCall.onNode(function, context, ssh,
                    new EngineTask.Promote(staged)));
            context.onSuccess(outcome.asMap());
        }

        private void abandon(final String why) throws IOException, InterruptedException {
            var context = getContext();
            var run = context.get(Run.class);
            var function = request().function();
            var ssh = EngineCall.sshAccess(function, credentialsId, run);
            var attempt = attempt(run, staged.request());
            DeploymentLedger.track(run, attempt, abandoned -> attempt.aborted(staged, why), () -> EngineCall.onNode(function,
                    context, ssh, new EngineTask.Abandon(staged, why)));
        }

        /** Both deploying steps leave the same kind of record: it is one blue-green deploy either way. */
        private static Attempt attempt(final Run<?, ?> run, final DeployRequest request) {
            return DeploymentLedger.attempt(run, FUNCTION, request.destination(), request.version());
        }

        private final class AfterBlock extends BodyExecutionCallback {
            private static final long serialVersionUID = 1L;

            @Override
            public void onSuccess(final StepContext context, final Object result) {
                inBackground(Execution.this::switchIfStillOpen);
            }

            @Override
            public void onFailure(final StepContext context, final Throwable t) {
                inBackground(() -> {
                    try {
                        abandon("the smoke tests failed: " + t.getMessage());
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
    public static final class DescriptorImpl extends WindowedStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Blue-green deploy: boot on the idle color, gate, switch traffic";
        }
    }
}
