package io.jenkins.plugins.bluegreen.config;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toStringFromYamlFile;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

/** What admins export is what they imported, under the symbols the docs show. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeExportTest {
    private static String export(final String symbol) throws Exception {
        var context = new ConfigurationContext(ConfiguratorRegistry.get());
        return toYamlString(getUnclassifiedRoot(context).get(symbol));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void shouldExportTheSettingsAsImported(final JenkinsConfiguredWithCodeRule j) throws Exception {
        assertThat(export("blueGreenDeploy")).isEqualTo(toStringFromYamlFile(this, "settings-exported.yaml"));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void shouldExportThePolicyUnderItsSymbol(final JenkinsConfiguredWithCodeRule j) throws Exception {
        assertThat(export("deploymentPolicy"))
                .contains("approverGroup: \"release-approvers\"")
                .contains("hotfixParameter: \"EMERGENCY\"")
                .contains("onCallGroup: \"platform-oncall\"")
                .contains("approvalTimeoutMinutes: 45")
                .contains("standard window");
    }
}
