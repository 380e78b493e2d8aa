package io.jenkins.plugins.bluegreen.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.config.DeploymentPolicyConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Smoke tests may run for a long time; a controller restart in the middle must not lose the staged
 * release: the block resumes and traffic switches afterwards, with the SSH key looked up again.
 */
class BlueGreenDeployRestartTest {
    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void shouldSwitchTrafficAfterARestartDuringTheSmokeTests() throws Throwable {
        sessions.then(r -> {
            ScriptedEngine.reset();
            SystemCredentialsProvider.getInstance().getCredentials().add(new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL,
                    "deploy-key", "deploy", new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource("not a real key"),
                    null, "deploy hosts"));
            SystemCredentialsProvider.getInstance().save();
            BlueGreenConfiguration.get().setSshCredentialsId("deploy-key");
            BlueGreenConfiguration.get().setKnownHosts("web-1.internal ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB4s");
            DeploymentPolicyConfiguration.get().setWindows("destinations:\n  staging: unrestricted\n");
            var job = r.createProject(WorkflowJob.class, "deploy");
            job.setDefinition(new CpsFlowDefinition(
                    "node { blueGreenDeployWithSmokeTests(destination: 'staging', version: 'v2') { semaphore 'smoke' } }", true));
            var run = job.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("smoke/1", run);
            assertThat(ScriptedEngine.CALLS).containsExactly("stage v2");
        });
        sessions.then(r -> {
            var run = r.jenkins.getItemByFullName("deploy", WorkflowJob.class).getBuildByNumber(1);
            SemaphoreStep.success("smoke/1", null);
            r.assertBuildStatusSuccess(r.waitForCompletion(run));
            assertThat(ScriptedEngine.CALLS).containsExactly("stage v2", "promote v2");
        });
    }
}
