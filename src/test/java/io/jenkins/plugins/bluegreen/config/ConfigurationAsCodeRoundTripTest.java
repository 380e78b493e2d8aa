package io.jenkins.plugins.bluegreen.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import org.jvnet.hudson.test.JenkinsRule;

/** Both global configurations survive CasC import, the web UI's reapply and a restart. */
class ConfigurationAsCodeRoundTripTest extends AbstractRoundTripTest {
    @Override
    protected void assertConfiguredAsExpected(final JenkinsRule j, final String configContent) {
        var settings = BlueGreenConfiguration.get();
        assertThat(settings.getSshCredentialsId()).isEqualTo("deploy-key");
        assertThat(settings.getKnownHosts()).startsWith("web-1.internal ssh-ed25519 ");
        assertThat(settings.getGateIntervalSeconds()).isEqualTo(10);
        assertThat(settings.getGateTimeoutSeconds()).isEqualTo(300);
        assertThat(settings.getGateSuccesses()).isEqualTo(2);
        assertThat(settings.getNotificationCredentialsId()).isEqualTo("deploy-webhook");

        var policy = DeploymentPolicyConfiguration.get();
        assertThat(policy.getWindows()).contains("name: standard window").contains("staging: unrestricted");
        assertThat(policy.getApproverGroup()).isEqualTo("release-approvers");
        assertThat(policy.getOnCallGroup()).isEqualTo("platform-oncall");
        assertThat(policy.getHotfixParameter()).isEqualTo("EMERGENCY");
        assertThat(policy.getApprovalTimeoutMinutes()).isEqualTo(45);
        assertThat(policy.policies()).isNotNull();
    }

    @Override
    protected String stringInLogExpected() {
        return "platform-oncall";
    }
}
