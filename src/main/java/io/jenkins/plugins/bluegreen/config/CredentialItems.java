package io.jenkins.plugins.bluegreen.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Credential dropdowns and checks in the Credentials plugin's standard form, for the global pages
 * ({@code item == null}: administrators only) and for step forms inside a job (users who may
 * configure the job or use its credentials). Everyone else sees only the value already set.
 */
public final class CredentialItems {
    private CredentialItems() {}

    public static ListBoxModel fill(final Class<? extends StandardCredentials> type, final Item item, final String current) {
        var result = new StandardListBoxModel();
        if (!mayList(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(authentication(item), item, type, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /** Warns when an ID no longer names a credential of the expected kind (deleted, or of another kind). */
    public static FormValidation check(final Class<? extends StandardCredentials> type, final Item item,
                                       final String value, final String kind) {
        if (!mayList(item) || value == null || value.isBlank() || value.startsWith("${")) {
            return FormValidation.ok();
        }
        var ids = CredentialsProvider.listCredentialsInItem(type, item, authentication(item), List.of(),
                CredentialsMatchers.withId(value.strip()));
        return ids.isEmpty()
                ? FormValidation.warning("No " + kind + " credentials with ID '" + value.strip() + "' are visible here")
                : FormValidation.ok();
    }

    private static boolean mayList(final Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static Authentication authentication(final Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
