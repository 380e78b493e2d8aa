package io.jenkins.plugins.bluegreen.steps;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.config.CredentialItems;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The snippet-generator form parts every host step shares: the SSH credentials dropdown and its check. */
public abstract class HostStepDescriptor extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return HostStep.CONTEXT;
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath final Item item, @QueryParameter final String credentialsId) {
        return CredentialItems.fill(SSHUserPrivateKey.class, item, credentialsId, CredentialItems.UsedBy.BUILDS);
    }

    @POST
    public FormValidation doCheckCredentialsId(@AncestorInPath final Item item, @QueryParameter final String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok("Empty: the default SSH credentials of the global configuration are used");
        }
        return CredentialItems.check(SSHUserPrivateKey.class, item, value, "SSH Username with private key",
                CredentialItems.UsedBy.BUILDS);
    }
}
