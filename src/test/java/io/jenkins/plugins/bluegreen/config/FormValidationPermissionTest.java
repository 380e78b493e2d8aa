package io.jenkins.plugins.bluegreen.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Form validation touches credentials and policy: only administrators may call it, and only by POST. */
@WithJenkins
class FormValidationPermissionTest {
    private static final String SETTINGS = "descriptorByName/" + BlueGreenConfiguration.class.getName() + "/";
    private static final String POLICY = "descriptorByName/" + DeploymentPolicyConfiguration.class.getName() + "/";
    private static final List<String> CHECKS = List.of(
            SETTINGS + "checkSshCredentialsId", SETTINGS + "checkNotificationCredentialsId",
            SETTINGS + "checkKnownHosts", SETTINGS + "checkGateTimeoutSeconds",
            POLICY + "checkWindows", POLICY + "checkApprovalTimeoutMinutes", POLICY + "checkApproverGroup",
            POLICY + "checkOnCallGroup", POLICY + "checkApprovalFloors");

    private JenkinsRule r;

    @BeforeEach
    void setUp(final JenkinsRule rule) {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
    }

    private int status(final String user, final String endpoint, final HttpMethod method) throws Exception {
        try (var wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false)) {
            wc.login(user);
            var url = method == HttpMethod.POST ? wc.createCrumbedUrl(endpoint) : r.getURL().toURI().resolve(endpoint).toURL();
            Page page = wc.getPage(new WebRequest(url, method));
            return page.getWebResponse().getStatusCode();
        }
    }

    @Test
    void shouldRefuseEveryCheckToAUserWhoCannotAdminister() throws Exception {
        for (String check : CHECKS) {
            assertThat(status("reader", check, HttpMethod.POST)).as(check).isEqualTo(403);
        }
    }

    @Test
    void shouldAnswerEveryCheckForAnAdministrator() throws Exception {
        for (String check : CHECKS) {
            assertThat(status("admin", check, HttpMethod.POST)).as(check).isEqualTo(200);
        }
    }

    @Test
    void shouldNotAnswerAChecksByGet() throws Exception {
        for (String check : CHECKS) {
            assertThat(status("admin", check, HttpMethod.GET)).as(check).isNotEqualTo(200);
        }
    }

    private static void addKey(final CredentialsScope scope, final String id) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new BasicSSHUserPrivateKey(scope, id, "deploy",
                new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource("not a real key"), null, "deploy hosts"));
    }

    private String post(final String user, final String endpoint) throws Exception {
        try (var wc = r.createWebClient()) {
            wc.login(user);
            Page page = wc.getPage(new WebRequest(wc.createCrumbedUrl(endpoint), HttpMethod.POST));
            return page.getWebResponse().getContentAsString();
        }
    }

    private String sshCredentialItems(final String user) throws Exception {
        addKey(CredentialsScope.GLOBAL, "deploy-key");
        return post(user, SETTINGS + "fillSshCredentialsIdItems");
    }

    @Test
    void shouldListSshCredentialsToAnAdministrator() throws Exception {
        assertThat(sshCredentialItems("admin")).contains("deploy-key");
    }

    @Test
    void shouldListNoCredentialsToAUserWhoCannotAdminister() throws Exception {
        assertThat(sshCredentialItems("reader")).doesNotContain("deploy-key");
    }

    /**
     * Builds look the key up in the job's context, where the Credentials plugin's SystemCredentialsProvider
     * hides System scope: a System-scoped key picked on the global page would abort every deploy.
     */
    @Test
    void shouldOfferAndAcceptOnlyKeysThatBuildsMayUse() throws Exception {
        addKey(CredentialsScope.SYSTEM, "controller-only-key");
        assertThat(sshCredentialItems("admin")).contains("deploy-key").doesNotContain("controller-only-key");
        assertThat(post("admin", SETTINGS + "checkSshCredentialsId?value=controller-only-key"))
                .contains("visible here for builds (System-scoped credentials are for Jenkins itself)");
        assertThat(post("admin", SETTINGS + "checkSshCredentialsId?value=deploy-key"))
                .doesNotContain("System-scoped");
    }

    /** Jenkins itself posts notifications, looking the webhook up at the root as SYSTEM: System scope keeps it from pipelines. */
    @Test
    void shouldOfferASystemScopedWebhookForJenkinsItself() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM,
                "chat-webhook", "team chat", Secret.fromString("https://hooks.example/T000/B000/XXXX")));

        assertThat(post("admin", SETTINGS + "fillNotificationCredentialsIdItems")).contains("chat-webhook");
        assertThat(post("admin", SETTINGS + "checkNotificationCredentialsId?value=chat-webhook")).doesNotContain("visible");
    }

    @Test
    void shouldWarnAboutBareNamesInTheAdminsGroups() throws Exception {
        assertThat(post("admin", POLICY + "checkOnCallGroup?value=platform-oncall"))
                .contains("onCallGroup: platform-oncall match a user or a group of that name");
        assertThat(post("admin", POLICY + "checkApproverGroup?value=group:release-managers,user:alice"))
                .doesNotContain("match a user");
    }
}
