package io.jenkins.plugins.bluegreen.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.bluegreen.engine.window.WhileHeld;
import io.jenkins.plugins.bluegreen.engine.window.WindowDecision;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code deploymentWindow}: the same window check the deploying steps make, for pipelines that
 * deploy by other means. Returns the decision as a map; with {@code wait: true} it first waits
 * until the window opens (or on-call approves a hotfix), holding no executor outside {@code node}.
 */
public class WindowStep extends Step {
    static final String FUNCTION = "deploymentWindow";

    private String destination;
    private String configFile;
    private boolean hotfix;
    private String reason;
    private boolean wait;

    @DataBoundConstructor
    public WindowStep() {
        // every parameter has a default: the default policy, no hotfix, answer at once
    }

    public String getDestination() {
        return destination;
    }

    @DataBoundSetter
    public void setDestination(final String destination) {
        this.destination = Util.fixEmptyAndTrim(destination);
    }

    public String getConfigFile() {
        return configFile;
    }

    /** A Kamal config in the workspace whose {@code x-bluegreen.windows} tightens the admins' policy; empty reads none. */
    @DataBoundSetter
    public void setConfigFile(final String configFile) {
        this.configFile = Util.fixEmptyAndTrim(configFile);
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

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(final boolean wait) {
        this.wait = wait;
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(context, new WindowRequest(FUNCTION, destination, hotfix, reason,
                (wait ? WhileHeld.WAIT : WhileHeld.FAIL).parameter(), configFile), wait);
    }

    static final class Execution extends WindowedExecution {
        private static final long serialVersionUID = 1L;

        private final boolean wait;

        Execution(final StepContext context, final WindowRequest request, final boolean wait) {
            super(context, request);
            this.wait = wait;
        }

        @Override
        public boolean start() throws IOException, InterruptedException {
            if (wait) {
                return super.start();
            }
            // Only the answer is wanted: no hold and no approval asked for.
            inBackground(() -> getContext().onSuccess(asMap(decide())));
            return false;
        }

        @Override
        boolean deploys() {
            return false;
        }

        @Override
        void proceed(final WindowDecision decision) {
            getContext().onSuccess(asMap(decision));
        }

        private Map<String, Object> asMap(final WindowDecision decision) {
            var map = new LinkedHashMap<String, Object>();
            // a hotfix nobody on call approved yet does not open the window
            map.put("open", stillOpen(decision));
            map.put("rule", decision.rule());
            map.put("reason", decision.reason());
            map.put("at", decision.at().toString());
            map.put("nextOpen", decision.nextOpen() == null ? null : decision.nextOpen().toString());
            map.put("override", decision.override());
            map.put("hotfixBy", decision.override() ? decision.hotfix().requestedBy() : null);
            map.put("hotfixReason", decision.override() ? decision.hotfix().reason() : null);
            map.put("destination", request().destination());
            map.put("summary", decision.summary());
            return map;
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
            return "Blue-green deploy: check (or wait for) the deployment window";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }
    }
}
