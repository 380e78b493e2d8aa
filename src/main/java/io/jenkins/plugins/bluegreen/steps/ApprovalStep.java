package io.jenkins.plugins.bluegreen.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.config.DeploymentPolicyConfiguration;
import io.jenkins.plugins.bluegreen.engine.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.engine.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.engine.approval.ApproverName;
import io.jenkins.plugins.bluegreen.engine.approval.TimeoutOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code deploymentApproval}: waits until enough approvers said Proceed on the build's
 * "Deployment approvals" page. Unlike {@code input} it counts N distinct approvers, refuses the
 * build's own requester, and records every answer on the build; the engine's approval gate makes
 * those decisions. Returns who approved, when and with what comment.
 */
public class ApprovalStep extends Step {
    static final String FUNCTION = "deploymentApproval";

    private String message;
    private String destination;
    private String approvers;
    private int required = 1;
    private boolean allowRequester;
    private Integer timeoutMinutes;
    private String onTimeout = TimeoutOutcome.REJECT.parameter();
    private boolean commentRequired;
    private boolean ticketRequired;

    @DataBoundConstructor
    public ApprovalStep() {
        // every parameter has a default: the admins' approver group, one approval, their timeout
    }

    public String getMessage() {
        return message;
    }

    public String getDestination() {
        return destination;
    }

    /** The destination this approval is for: the admins' floor for it applies, and the deploy to it may go on once passed. */
    @DataBoundSetter
    public void setDestination(final String destination) {
        this.destination = Util.fixEmptyAndTrim(destination);
    }

    @DataBoundSetter
    public void setMessage(final String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    public String getApprovers() {
        return approvers;
    }

    /** User ids and group names, comma separated; empty means the admins' approver group. */
    @DataBoundSetter
    public void setApprovers(final String approvers) {
        this.approvers = Util.fixEmptyAndTrim(approvers);
    }

    public int getRequired() {
        return required;
    }

    @DataBoundSetter
    public void setRequired(final int required) {
        this.required = required;
    }

    public boolean isAllowRequester() {
        return allowRequester;
    }

    @DataBoundSetter
    public void setAllowRequester(final boolean allowRequester) {
        this.allowRequester = allowRequester;
    }

    public Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** Empty means the admins' default; 0 waits for ever. */
    @DataBoundSetter
    public void setTimeoutMinutes(final Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public String getOnTimeout() {
        return onTimeout;
    }

    @DataBoundSetter
    public void setOnTimeout(final String onTimeout) {
        var value = Util.fixEmptyAndTrim(onTimeout);
        this.onTimeout = value == null ? TimeoutOutcome.REJECT.parameter() : value.toLowerCase(Locale.ROOT);
    }

    public boolean isCommentRequired() {
        return commentRequired;
    }

    @DataBoundSetter
    public void setCommentRequired(final boolean commentRequired) {
        this.commentRequired = commentRequired;
    }

    public boolean isTicketRequired() {
        return ticketRequired;
    }

    @DataBoundSetter
    public void setTicketRequired(final boolean ticketRequired) {
        this.ticketRequired = ticketRequired;
    }

    /** The approvers as written: the step's, else the admins' approver group. */
    private Set<String> approverNames() {
        return ApproverName.split(approvers == null ? DeploymentPolicyConfiguration.get().getApproverGroup() : approvers);
    }

    /** The engine's policy for this step, the admins' defaults filled in and their floor for the destination applied. */
    ApprovalPolicy policy() {
        var admins = DeploymentPolicyConfiguration.get();
        var names = Identities.listed(approverNames());
        var minutes = timeoutMinutes == null ? admins.getApprovalTimeoutMinutes() : timeoutMinutes;
        var asked = new ApprovalPolicy(names, required, allowRequester, minutes > 0 ? Duration.ofMinutes(minutes) : null,
                TimeoutOutcome.parse(onTimeout), commentRequired, ticketRequired);
        return admins.floors().forDestination(destination)
                .map(floor -> floor.raise(asked, Identities.listed(floor.approvers()))).orElse(asked);
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(context, this);
    }

    /** Opens the gate and returns; the answers and the deadline finish the step. No thread waits. */
    static final class Execution extends GateExecution {
        private static final long serialVersionUID = 1L;

        private final transient ApprovalStep step;
        /** Kept apart from the step, which is not saved: a restart may come before the answer. */
        private final String destination;

        Execution(final StepContext context, final ApprovalStep step) {
            super(context);
            this.step = step;
            this.destination = step.getDestination();
        }

        @Override
        public boolean start() throws Exception {
            var run = getContext().get(Run.class);
            var gate = EngineCall.engine(FUNCTION,
                    () -> ApprovalGate.open(step.policy(), Identities.user(Decisions.requester(run)),
                            DeployClock.now()));
            var bare = ApproverName.bareNamesWarning("approvers", step.approverNames());
            if (bare != null) {
                getContext().get(TaskListener.class).getLogger().println("[" + FUNCTION + "] warning: " + bare);
            }
            openGate(step.getMessage() == null ? "Approve this deploy?" : step.getMessage(), gate);
            return false;
        }

        @Override
        void gatePassed(final ApprovalGate settled) throws IOException, InterruptedException {
            if (destination != null) {
                ApprovalAction.of(getContext().get(Run.class)).approved(destination);
            }
            var now = DeployClock.now();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", settled.status(now).name());
            result.put("requester", settled.requester());
            result.put("approvals", approvals(settled));
            result.put("summary", settled.describe(now));
            getContext().onSuccess(result);
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
            return "Blue-green deploy: wait for N approvals on the build";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        public ListBoxModel doFillOnTimeoutItems() {
            var items = new ListBoxModel();
            items.add("Reject (stop the build as aborted)", TimeoutOutcome.REJECT.parameter());
            items.add("Approve (go on without answers)", TimeoutOutcome.APPROVE.parameter());
            return items;
        }

        public FormValidation doCheckRequired(@QueryParameter final int value) {
            return value < 1 ? FormValidation.error("required: expected at least 1 approval, got " + value)
                    : FormValidation.ok();
        }
    }
}
