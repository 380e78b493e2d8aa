package io.jenkins.plugins.bluegreen.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code rollback}: puts the previous (or a named) release back in front of the traffic, optionally with its schema. */
public class RollbackStep extends HostStep {
    static final String FUNCTION = "rollback";

    private String toVersion;
    private boolean schema;
    private String reason;

    @DataBoundConstructor
    public RollbackStep() {
        // every parameter has a default: the release live before the current one, code only
    }

    public String getToVersion() {
        return toVersion;
    }

    /** Empty means the release that was live before the current one. */
    @DataBoundSetter
    public void setToVersion(final String toVersion) {
        this.toVersion = Util.fixEmptyAndTrim(toVersion);
    }

    public boolean isSchema() {
        return schema;
    }

    @DataBoundSetter
    public void setSchema(final boolean schema) {
        this.schema = schema;
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(final String reason) {
        this.reason = Util.fixEmptyAndTrim(reason);
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient RollbackStep step;

        Execution(final StepContext context, final RollbackStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            var context = getContext();
            var run = context.get(Run.class);
            var request = EngineCall.engine(FUNCTION, () -> new RollbackRequest(step.getConfigFile(),
                    step.getDestination(), step.getToVersion(), step.isSchema(), EngineCall.requester(run), step.getReason()));
            var ssh = EngineCall.sshAccess(FUNCTION, step.getCredentialsId(), run);
            var attempt = DeploymentLedger.attempt(run, FUNCTION, request.destination(), request.toVersion());
            return DeploymentLedger.track(run, attempt, attempt::rolledBack, () -> EngineCall.onNode(FUNCTION, context, ssh,
                    new EngineTask.Rollback(request))).asMap();
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
            return "Blue-green deploy: roll back to the previous release";
        }
    }
}
