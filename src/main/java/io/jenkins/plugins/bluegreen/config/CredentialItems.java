package io.jenkins.plugins.bluegreen.config;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
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
 *
 * <p>Who looks a credential up at run time decides which scopes it may have ({@link UsedBy}). The
 * Credentials plugin's {@code SystemCredentialsProvider} hides System-scoped credentials from every
 * lookup in an item's context while listing them at the Jenkins root: a key builds use and an admin
 * picked with System scope would abort every deploy as "not allowed here", so for builds the global
 * pages leave System scope out.
 */
public final class CredentialItems {
    private CredentialItems() {}

    /** Who looks the credential up at run time. */
    public enum UsedBy {
        /** Builds, in their job's context ({@code findCredentialById(id, type, run)}): never System scope. */
        BUILDS,
        /** Jenkins itself, at the root as SYSTEM: any scope, and System keeps it from every pipeline. */
        JENKINS
    }

    public static ListBoxModel fill(final Class<? extends StandardCredentials> type, final Item item, final String current,
                                    final UsedBy usedBy) {
        var result = new StandardListBoxModel();
        if (!mayList(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(authentication(item), item, type, List.of(), scopes(item, usedBy))
                .includeCurrentValue(current);
    }

    /** Warns when an ID no longer names a credential of the expected kind (deleted, of another kind, or of a scope its user cannot see). */
    public static FormValidation check(final Class<? extends StandardCredentials> type, final Item item,
                                       final String value, final String kind, final UsedBy usedBy) {
        if (!mayList(item) || value == null || value.isBlank() || value.startsWith("${")) {
            return FormValidation.ok();
        }
        var ids = CredentialsProvider.listCredentialsInItem(type, item, authentication(item), List.of(),
                CredentialsMatchers.allOf(CredentialsMatchers.withId(value.strip()), scopes(item, usedBy)));
        if (!ids.isEmpty()) {
            return FormValidation.ok();
        }
        return FormValidation.warning("No " + kind + " credentials with ID '" + value.strip() + "' are visible here"
                + (usedBy == UsedBy.BUILDS ? " for builds (System-scoped credentials are for Jenkins itself)" : ""));
    }

    private static boolean mayList(final Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** In an item's context the provider already hides System scope; at the Jenkins root it is left out here for builds. */
    private static CredentialsMatcher scopes(final Item item, final UsedBy usedBy) {
        return item == null && usedBy == UsedBy.BUILDS
                ? CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM))
                : CredentialsMatchers.always();
    }

    private static Authentication authentication(final Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
