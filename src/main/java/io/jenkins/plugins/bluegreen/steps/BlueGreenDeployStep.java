package io.jenkins.plugins.bluegreen.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.engine.api.DeployRequest;
import io.jenkins.plugins.bluegreen.engine.api.StagedRelease;
import io.jenkins.plugins.bluegreen.engine.report.Attempt;
import io.jenkins.plugins.bluegreen.engine.window.WindowDecision;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code blueGreenDeploy}: inside the deployment window, boots a release on the idle color, gates it
 * on health, runs the optional block (smoke tests) while traffic still goes to the live color, then
 * switches. A failing block stops the new color and leaves traffic where it was.
 */
public class BlueGreenDeployStep extends WindowedStep {
    static final String FUNCTION = "blueGreenDeploy";

    private String version;
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
     * Waits for the deployment window (see {@link WindowedExecution}), then stages in a background
     * thread, runs the block on the CPS VM, looks at the window once more and promotes or abandons
     * in a background thread again. Only serializable values are kept, so a restart while held or
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
        private StagedRelease staged;

        Execution(final StepContext context, final BlueGreenDeployStep step) {
            super(context, step.windowRequest(FUNCTION));
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
            var listener = context.get(TaskListener.class);
            var request = EngineCall.engine(FUNCTION, () -> request(run, context.get(EnvVars.class), decision));
            var ssh = EngineCall.sshAccess(FUNCTION, credentialsId, run);
            staged = DeploymentLedger.trackFailure(run, attempt(run, request), () -> EngineCall.onNode(FUNCTION, context, ssh,
                    new EngineTask.Stage(request)));
            if (context.hasBody()) {
                listener.getLogger().println("[" + FUNCTION + "] " + request.version() + " passed its gate on "
                        + staged.idleColor() + "; running the block before traffic moves");
                context.newBodyInvoker().withCallback(new AfterBlock()).start();
            }
            else {
                switchIfStillOpen();
            }
        }

        private DeployRequest request(final Run<?, ?> run, final EnvVars env, final WindowDecision decision) {
            // The config's x-bluegreen.gate applies unless the step sets its own polling.
            boolean own = intervalSeconds != null || timeoutSeconds != null || successes != null;
            var gate = own ? BlueGreenConfiguration.get().gateDefaults().overriddenBy(intervalSeconds, timeoutSeconds,
                    successes) : null;
            var hotfix = decision.override() ? decision.hotfix() : null;
            return new DeployRequest(configFile, request().destination(), version == null ? env.get("GIT_COMMIT") : version,
                    EngineCall.requester(run),
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
            var ssh = EngineCall.sshAccess(FUNCTION, credentialsId, run);
            var attempt = attempt(run, staged.request());
            var outcome = DeploymentLedger.track(run, attempt, attempt::live, () -> EngineCall.onNode(FUNCTION, context, ssh,
                    new EngineTask.Promote(staged)));
            context.onSuccess(outcome.asMap());
        }

        private void abandon(final String why) throws IOException, InterruptedException {
            var context = getContext();
            var run = context.get(Run.class);
            var ssh = EngineCall.sshAccess(FUNCTION, credentialsId, run);
            var attempt = attempt(run, staged.request());
            DeploymentLedger.track(run, attempt, abandoned -> attempt.aborted(staged, why), () -> EngineCall.onNode(FUNCTION,
                    context, ssh, new EngineTask.Abandon(staged, why)));
        }

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
                        abandon("the block failed: " + t.getMessage());
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

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}
