package io.jenkins.plugins.bluegreen.config;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.config.CredentialItems.UsedBy;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.api.GateSettings;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What admins set once for every deploy: how Jenkins reaches the hosts (key and host keys), the
 * default health gate, and where notifications go. Steps may override the key and the gate.
 */
@Extension
@Symbol("blueGreenDeploy")
public class BlueGreenConfiguration extends GlobalConfiguration {
    private String sshCredentialsId;
    private String knownHosts;
    private int gateIntervalSeconds = (int) GateSettings.DEFAULTS.interval().toSeconds();
    private int gateTimeoutSeconds = (int) GateSettings.DEFAULTS.timeout().toSeconds();
    private int gateSuccesses = GateSettings.DEFAULTS.successes();
    private String notificationCredentialsId;

    public BlueGreenConfiguration() {
        load();
    }

    public static BlueGreenConfiguration get() {
        return ExtensionList.lookupSingleton(BlueGreenConfiguration.class);
    }

    public String getSshCredentialsId() {
        return sshCredentialsId;
    }

    @DataBoundSetter
    public void setSshCredentialsId(final String sshCredentialsId) {
        this.sshCredentialsId = Util.fixEmptyAndTrim(sshCredentialsId);
        save();
    }

    public String getKnownHosts() {
        return knownHosts;
    }

    @DataBoundSetter
    public void setKnownHosts(final String knownHosts) {
        this.knownHosts = Util.fixEmptyAndTrim(knownHosts);
        save();
    }

    public int getGateIntervalSeconds() {
        return gateIntervalSeconds;
    }

    @DataBoundSetter
    public void setGateIntervalSeconds(final int gateIntervalSeconds) {
        this.gateIntervalSeconds = gateIntervalSeconds;
        save();
    }

    public int getGateTimeoutSeconds() {
        return gateTimeoutSeconds;
    }

    @DataBoundSetter
    public void setGateTimeoutSeconds(final int gateTimeoutSeconds) {
        this.gateTimeoutSeconds = gateTimeoutSeconds;
        save();
    }

    public int getGateSuccesses() {
        return gateSuccesses;
    }

    @DataBoundSetter
    public void setGateSuccesses(final int gateSuccesses) {
        this.gateSuccesses = gateSuccesses;
        save();
    }

    public String getNotificationCredentialsId() {
        return notificationCredentialsId;
    }

    @DataBoundSetter
    public void setNotificationCredentialsId(final String notificationCredentialsId) {
        this.notificationCredentialsId = Util.fixEmptyAndTrim(notificationCredentialsId);
        save();
    }

    /** The health gate every step starts from; the engine validates it. */
    public GateSettings gateDefaults() {
        return GateSettings.DEFAULTS.overriddenBy(gateIntervalSeconds, gateTimeoutSeconds, gateSuccesses);
    }

    @POST
    public ListBoxModel doFillSshCredentialsIdItems(@QueryParameter final String sshCredentialsId) {
        return CredentialItems.fill(SSHUserPrivateKey.class, null, sshCredentialsId, UsedBy.BUILDS);
    }

    @POST
    public FormValidation doCheckSshCredentialsId(@QueryParameter final String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CredentialItems.check(SSHUserPrivateKey.class, null, value, "SSH Username with private key", UsedBy.BUILDS);
    }

    @POST
    public ListBoxModel doFillNotificationCredentialsIdItems(@QueryParameter final String notificationCredentialsId) {
        return CredentialItems.fill(StringCredentials.class, null, notificationCredentialsId, UsedBy.JENKINS);
    }

    @POST
    public FormValidation doCheckNotificationCredentialsId(@QueryParameter final String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CredentialItems.check(StringCredentials.class, null, value, "Secret text", UsedBy.JENKINS);
    }

    @POST
    public FormValidation doCheckKnownHosts(@QueryParameter final String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.warning("Deploys verify every host key against this list; while it is empty, every deploy stops before connecting");
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckGateTimeoutSeconds(@QueryParameter final int gateIntervalSeconds,
                                                    @QueryParameter final int gateTimeoutSeconds,
                                                    @QueryParameter final int gateSuccesses) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            GateSettings.DEFAULTS.overriddenBy(gateIntervalSeconds, gateTimeoutSeconds, gateSuccesses);
            return FormValidation.ok();
        }
        catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
