package io.jenkins.plugins.bluegreen.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.approval.ApprovalFloors;
import io.jenkins.plugins.bluegreen.engine.approval.ApproverName;
import io.jenkins.plugins.bluegreen.engine.window.WindowPolicies;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The admins' deployment policy: when deploys may run (a window policy in the engine's YAML
 * format; a repository may tighten it, never loosen it), who approves (by default, and as a floor
 * per destination that pipelines cannot lower), who is on call for hotfixes.
 */
@Extension
@Symbol("deploymentPolicy")
public class DeploymentPolicyConfiguration extends GlobalConfiguration {
    static final String SOURCE = "Deployment policy (Manage Jenkins > System)";
    static final String FLOORS_SOURCE = "Approval floors (Manage Jenkins > System)";
    private static final String DEFAULT_HOTFIX_PARAMETER = "HOTFIX";
    private static final int DEFAULT_APPROVAL_TIMEOUT_MINUTES = 60;

    private String windows;
    private String approvalFloors;
    private String approverGroup;
    private String onCallGroup;
    private String hotfixParameter = DEFAULT_HOTFIX_PARAMETER;
    private int approvalTimeoutMinutes = DEFAULT_APPROVAL_TIMEOUT_MINUTES;

    public DeploymentPolicyConfiguration() {
        load();
    }

    public static DeploymentPolicyConfiguration get() {
        return ExtensionList.lookupSingleton(DeploymentPolicyConfiguration.class);
    }

    public String getWindows() {
        return windows;
    }

    @DataBoundSetter
    public void setWindows(final String windows) {
        this.windows = Util.fixEmptyAndTrim(windows);
        save();
    }

    public String getApprovalFloors() {
        return approvalFloors;
    }

    /** Per destination, who must approve a deploy there and how many: a floor no pipeline can lower. */
    @DataBoundSetter
    public void setApprovalFloors(final String approvalFloors) {
        this.approvalFloors = Util.fixEmptyAndTrim(approvalFloors);
        save();
    }

    /** The approval floors in force; none when not set. */
    public ApprovalFloors floors() {
        return ApprovalFloors.parse(approvalFloors, FLOORS_SOURCE);
    }

    public String getApproverGroup() {
        return approverGroup;
    }

    @DataBoundSetter
    public void setApproverGroup(final String approverGroup) {
        this.approverGroup = Util.fixEmptyAndTrim(approverGroup);
        save();
    }

    public String getOnCallGroup() {
        return onCallGroup;
    }

    @DataBoundSetter
    public void setOnCallGroup(final String onCallGroup) {
        this.onCallGroup = Util.fixEmptyAndTrim(onCallGroup);
        save();
    }

    public String getHotfixParameter() {
        return hotfixParameter;
    }

    @DataBoundSetter
    public void setHotfixParameter(final String hotfixParameter) {
        var name = Util.fixEmptyAndTrim(hotfixParameter);
        this.hotfixParameter = name == null ? DEFAULT_HOTFIX_PARAMETER : name;
        save();
    }

    public int getApprovalTimeoutMinutes() {
        return approvalTimeoutMinutes;
    }

    @DataBoundSetter
    public void setApprovalTimeoutMinutes(final int approvalTimeoutMinutes) {
        this.approvalTimeoutMinutes = approvalTimeoutMinutes;
        save();
    }

    /** The window policies in force: the admins' YAML, or the engine's default when none is set. */
    public WindowPolicies policies() {
        return windows == null ? WindowPolicies.seedDefault() : WindowPolicies.parse(windows, SOURCE);
    }

    @POST
    public FormValidation doCheckWindows(@QueryParameter final String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok("Empty: the default policy applies (Tue-Thu 10:00-14:00 UTC)");
        }
        try {
            WindowPolicies.parse(value, SOURCE);
            return FormValidation.ok();
        }
        catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckApprovalFloors(@QueryParameter final String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            ApprovalFloors.parse(value, FLOORS_SOURCE);
            return FormValidation.ok();
        }
        catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckApproverGroup(@QueryParameter final String value) {
        return checkApprovers("approverGroup", value);
    }

    @POST
    public FormValidation doCheckOnCallGroup(@QueryParameter final String value) {
        return checkApprovers("onCallGroup", value);
    }

    /** Bare names still work but match a user of that name too; say how to write them. */
    private static FormValidation checkApprovers(final String parameter, final String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        var bare = ApproverName.bareNamesWarning(parameter, ApproverName.split(value));
        return bare == null ? FormValidation.ok() : FormValidation.warning(bare);
    }

    @POST
    public FormValidation doCheckApprovalTimeoutMinutes(@QueryParameter final String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormValidation.validatePositiveInteger(value);
    }
}
