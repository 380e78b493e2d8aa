package io.jenkins.plugins.bluegreen.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.bluegreen.engine.api.MigrationRequest;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code runMigrations}: applies a release's database migrations before its code goes live. */
public class RunMigrationsStep extends HostStep {
    static final String FUNCTION = "runMigrations";

    private String version;

    @DataBoundConstructor
    public RunMigrationsStep() {
        // every parameter has a default: config/deploy.yml and the commit being built
    }

    public String getVersion() {
        return version;
    }

    /** The release whose migrations run; empty means the commit being built ({@code GIT_COMMIT}). */
    @DataBoundSetter
    public void setVersion(final String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(context, this);
    }

    /** Migrations may take minutes: they run off the CPS VM thread, and fail rather than resume after a restart. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient RunMigrationsStep step;

        Execution(final StepContext context, final RunMigrationsStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            var context = getContext();
            var run = context.get(Run.class);
            var workspace = context.get(FilePath.class);
            var env = context.get(EnvVars.class);
            var request = EngineCall.engine(FUNCTION, () -> new MigrationRequest(step.getConfigFile(),
                    step.getDestination(), step.getVersion() == null ? env.get("GIT_COMMIT") : step.getVersion(),
                    EngineCall.requester(run)));
            var ssh = EngineCall.sshAccess(FUNCTION, step.getCredentialsId(), run);
            return EngineCall.onNode(FUNCTION, workspace,
                    new EngineTask.Migrate(context.get(TaskListener.class), ssh, workspace.getRemote(), request)).asMap();
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
            return "Blue-green deploy: run database migrations before the code";
        }
    }
}
