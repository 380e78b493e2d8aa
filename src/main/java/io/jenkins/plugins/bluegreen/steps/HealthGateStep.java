package io.jenkins.plugins.bluegreen.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.engine.api.HealthGateRequest;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code healthGate}: waits until every URL answers healthy several times in a row, or fails the
 * build naming the URL and the check that failed. It polls from the agent of the enclosing
 * {@code node} and needs one: polling from the controller would let a pipeline probe the
 * controller's own network. A failure names the status and the failed check, never the body.
 */
public class HealthGateStep extends Step {
    static final String FUNCTION = "healthGate";

    private final String urls;
    private Integer intervalSeconds;
    private Integer timeoutSeconds;
    private Integer successes;

    /** @param urls the URLs to poll, separated by spaces, commas or new lines */
    @DataBoundConstructor
    public HealthGateStep(final String urls) {
        this.urls = urls;
    }

    public String getUrls() {
        return urls;
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

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient HealthGateStep step;

        Execution(final StepContext context, final HealthGateStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            var request = EngineCall.engine(FUNCTION, () -> HealthGateRequest.parse(step.getUrls(),
                    BlueGreenConfiguration.get().gateDefaults()
                            .overriddenBy(step.getIntervalSeconds(), step.getTimeoutSeconds(), step.getSuccesses())));
            var run = getContext().get(Run.class);
            var attempt = DeploymentLedger.attempt(run, FUNCTION, null, null);
            return DeploymentLedger.track(run, attempt, attempt::passed,
                    () -> EngineCall.onNode(FUNCTION, getContext(), null, new EngineTask.Gate(request))).asMap();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Blue-green deploy: wait until URLs answer healthy";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }
    }
}
