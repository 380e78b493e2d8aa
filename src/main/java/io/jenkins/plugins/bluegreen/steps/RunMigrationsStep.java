package io.jenkins.plugins.bluegreen.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.engine.api.MigrationRequest;
import io.jenkins.plugins.bluegreen.engine.window.WindowDecision;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code runMigrations}: inside the deployment window, applies a release's database migrations before its code goes live. */
public class RunMigrationsStep extends WindowedStep {
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

    /**
     * Waits for the deployment window like a deploy (a migration changes what users see as much as
     * new code does), then migrates off the CPS VM thread. A restart while held keeps waiting; a
     * restart while migrating fails the step rather than run half a migration twice.
     */
    static final class Execution extends WindowedExecution {
        private static final long serialVersionUID = 1L;

        private final String configFile;
        private final String version;
        private final String credentialsId;

        Execution(final StepContext context, final RunMigrationsStep step) {
            super(context, step.windowRequest(FUNCTION));
            this.configFile = step.getConfigFile();
            this.version = step.getVersion();
            this.credentialsId = step.getCredentialsId();
        }

        @Override
        void proceed(final WindowDecision decision) throws IOException, InterruptedException {
            var context = getContext();
            var run = context.get(Run.class);
            var env = context.get(EnvVars.class);
            var request = EngineCall.engine(FUNCTION, () -> new MigrationRequest(configFile, request().destination(),
                    version == null ? env.get("GIT_COMMIT") : version, EngineCall.requester(run)));
            var ssh = EngineCall.sshAccess(FUNCTION, credentialsId, run);
            var attempt = DeploymentLedger.attempt(run, FUNCTION, request.destination(), request.version());
            context.onSuccess(DeploymentLedger.track(run, attempt, attempt::migrated, () -> EngineCall.onNode(FUNCTION,
                    context, ssh, new EngineTask.Migrate(request)))
                    .asMap());
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
            return "Blue-green deploy: run database migrations before the code";
        }
    }
}
