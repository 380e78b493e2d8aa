package io.jenkins.plugins.bluegreen.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The credential dropdowns of the global configuration pages, in the Credentials plugin's
 * standard form: admins see every matching system credential, anyone else only the current value.
 */
final class CredentialItems {
    private CredentialItems() {}

    static ListBoxModel fill(final Class<? extends StandardCredentials> type, final String current) {
        var result = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /** Warns when an ID no longer names a credential of the expected kind (deleted, or of another kind). */
    static FormValidation check(final Class<? extends StandardCredentials> type, final String value, final String kind) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        var found = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(value));
        return found == null
                ? FormValidation.warning("No " + kind + " credentials with ID '" + value + "' were found")
                : FormValidation.ok();
    }
}
