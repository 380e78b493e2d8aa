package io.jenkins.plugins.bluegreen.steps;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The snippet forms, setters and getters of every step agree: what goes in comes back out. */
@WithJenkins
class StepConfigRoundTripTest {
    private static <S extends Step> void assertRoundTrip(final JenkinsRule r, final S step) throws Exception {
        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }

    private static <S extends HostStep> S onHosts(final S step) {
        step.setConfigFile("ops/deploy.yml");
        step.setDestination("production");
        step.setCredentialsId("deploy-key");
        return step;
    }

    @Test
    void shouldRoundTripBlueGreenDeployWithDefaults(final JenkinsRule r) throws Exception {
        assertRoundTrip(r, new BlueGreenDeployStep("v2.4.1"));
    }

    @Test
    void shouldRoundTripBlueGreenDeployWithEveryParameter(final JenkinsRule r) throws Exception {
        var step = onHosts(new BlueGreenDeployStep("v2.4.1"));
        step.setHotfix(true);
        step.setReason("INC-4711 checkout down");
        step.setIntervalSeconds(2);
        step.setTimeoutSeconds(300);
        step.setSuccesses(5);

        assertRoundTrip(r, step);
    }

    /** The smoke-test variant has blueGreenDeploy's form, found along the class hierarchy. */
    @Test
    void shouldRoundTripBlueGreenDeployWithSmokeTests(final JenkinsRule r) throws Exception {
        var step = onHosts(new BlueGreenDeployWithSmokeTestsStep("v2.4.1"));
        step.setOnHeld("fail");
        step.setTimeoutSeconds(300);

        assertRoundTrip(r, step);
    }

    @Test
    void shouldRoundTripRunMigrations(final JenkinsRule r) throws Exception {
        var step = onHosts(new RunMigrationsStep("v2.4.1"));
        step.setOnHeld("fail");
        step.setHotfix(true);
        step.setReason("INC-4711 schema fix");

        assertRoundTrip(r, step);
    }

    @Test
    void shouldRoundTripDeploymentApproval(final JenkinsRule r) throws Exception {
        var step = new ApprovalStep();
        step.setMessage("Ship 1.4.2?");
        step.setDestination("production");
        step.setApprovers("release-managers, alice");
        step.setRequired(2);
        step.setAllowRequester(true);
        step.setTimeoutMinutes(30);
        step.setOnTimeout("approve");
        step.setCommentRequired(true);
        step.setTicketRequired(true);

        assertRoundTrip(r, step);
    }

    @Test
    void shouldRoundTripDeploymentWindow(final JenkinsRule r) throws Exception {
        var step = new WindowStep();
        step.setDestination("production");
        step.setConfigFile("config/deploy.yml");
        step.setWait(true);
        step.setHotfix(true);
        step.setReason("INC-4711");

        assertRoundTrip(r, step);
    }

    @Test
    void shouldRoundTripRollback(final JenkinsRule r) throws Exception {
        var step = onHosts(new RollbackStep());
        step.setToVersion("v2.3.9");
        step.setSchema(true);
        step.setReason("error rate above 5%");

        assertRoundTrip(r, step);
    }

    @Test
    void shouldRoundTripHealthGate(final JenkinsRule r) throws Exception {
        var step = new HealthGateStep("http://127.0.0.1:3000/health http://127.0.0.1:3000/health/ready");
        step.setIntervalSeconds(1);
        step.setTimeoutSeconds(30);
        step.setSuccesses(2);

        assertRoundTrip(r, step);
    }
}
