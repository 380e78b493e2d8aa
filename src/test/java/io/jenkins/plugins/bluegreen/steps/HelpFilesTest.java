package io.jenkins.plugins.bluegreen.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every step field shows its own step's help. Core's {@code Descriptor.getHelpFile(Klass, String)}
 * lets a help redirect win over the step's own {@code help-<field>.html}, and resolves it through
 * {@code Jenkins.get().getDescriptor(owner)}: a redirect to another step showed that step's text, and
 * one to an abstract class (no descriptor) threw on every render of the form.
 */
@WithJenkins
class HelpFilesTest {
    @Test
    void shouldShowEachStepsOwnHelpForEveryField(final JenkinsRule r) throws Exception {
        var steps = StepDescriptor.all().stream()
                .filter(d -> d.clazz.getPackageName().startsWith("io.jenkins.plugins.bluegreen")).toList();
        assertThat(steps).hasSizeGreaterThanOrEqualTo(6);
        try (var web = r.createWebClient()) {
            for (StepDescriptor step : steps) {
                var own = "/descriptor/" + step.getId() + "/help";
                String stepHelp = r.executeOnServer(step::getHelpFile);
                assertThat(stepHelp).as(step.getFunctionName()).isEqualTo(own);
                for (DescribableParameter field : DescribableModel.of(step.clazz).getParameters()) {
                    var where = step.getFunctionName() + "." + field.getName();
                    String helpFile = r.executeOnServer(() -> step.getHelpFile(field.getName()));
                    assertThat(helpFile).as(where).isEqualTo(own + "/" + field.getName());
                    var page = web.goTo(helpFile.substring(1), null);
                    assertThat(page.getWebResponse().getStatusCode()).as(where).isEqualTo(200);
                }
            }
        }
    }

    /** healthGate's gate fields poll the URLs it is given, not a new color: its help says so, not blueGreenDeploy's. */
    @Test
    void shouldDescribeHealthGatesPollingInItsOwnWords(final JenkinsRule r) throws Exception {
        try (var web = r.createWebClient()) {
            var help = web.goTo("descriptor/" + HealthGateStep.class.getName() + "/help/intervalSeconds", null)
                    .getWebResponse().getContentAsString();
            assertThat(help).contains("requests to the URLs").doesNotContain("new color");
        }
    }
}
