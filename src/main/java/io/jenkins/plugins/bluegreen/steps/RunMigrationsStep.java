package io.jenkins.plugins.bluegreen.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.engine.api.MigrationRequest;
import io.jenkins.plugins.bluegreen.engine.window.WindowDecision;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code runMigrations}: inside the deployment window, applies a release's database migrations before its code goes live. */
public class RunMigrationsStep extends WindowedStep {
    static final String FUNCTION = "runMigrations";

    private final String version;

    /** @param version the release whose migrations run; required, as on {@code blueGreenDeploy} */
    @DataBoundConstructor
    public RunMigrationsStep(final String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    public String getVersion() {
        return version;
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

        /** A mistake in the step's own parameters fails the step now, not after days held by the window. */
        @Override
        void checkParameters() throws IOException, InterruptedException {
            migration(getContext().get(Run.class));
        }

        private MigrationRequest migration(final Run<?, ?> run) throws IOException, InterruptedException {
            return EngineCall.engine(FUNCTION, () -> new MigrationRequest(configFile, request().destination(), version,
                    EngineCall.requester(run)));
        }

        @Override
        void proceed(final WindowDecision decision) throws IOException, InterruptedException {
            var context = getContext();
            var run = context.get(Run.class);
            var request = migration(run);
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
