package io.jenkins.plugins.bluegreen.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.config.DeploymentPolicyConfiguration;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What the steps do around the engine, in real pipelines, with an engine that touches no host. */
@WithJenkins
class HostStepsPipelineTest {
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----";
    /** Open for staging, frozen for production every day, so tests do not depend on today's date. */
    private static final String WINDOWS = """
            zone: UTC
            deny:
              - name: change freeze
                days: [mon, tue, wed, thu, fri, sat, sun]
            destinations:
              staging: unrestricted
            """;

    private JenkinsRule r;

    @BeforeEach
    void setUp(final JenkinsRule rule) throws Exception {
        r = rule;
        ScriptedEngine.reset();
        SystemCredentialsProvider.getInstance().getCredentials().add(new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL,
                "deploy-key", "deploy", new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource(KEY), null, "deploy hosts"));
        SystemCredentialsProvider.getInstance().save();
        BlueGreenConfiguration.get().setSshCredentialsId("deploy-key");
        BlueGreenConfiguration.get().setKnownHosts("web-1.internal ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB4s");
        DeploymentPolicyConfiguration.get().setWindows(WINDOWS);
    }

    private WorkflowRun run(final Result expected, final String script) throws Exception {
        var job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, job);
    }

    /** The step ends the build with {@code message} before the engine is called at all. */
    private void assertRefusedBeforeAnyHost(final String script, final String message) throws Exception {
        r.assertLogContains(message, run(Result.FAILURE, script));
        assertThat(ScriptedEngine.CALLS).isEmpty();
    }

    @Test
    void shouldSwitchTrafficAfterTheSmokeTestsAndReturnTheOutcome() throws Exception {
        var build = run(Result.SUCCESS, """
                node {
                    def release = blueGreenDeployWithSmokeTests(destination: 'staging', version: 'v2') { echo 'smoke tests pass' }
                    echo "live: ${release.version} on ${release.color}, was ${release.previousVersion}, switch ${release.durations.switch} ms"
                }
                """);

        assertThat(ScriptedEngine.CALLS).containsExactly("stage v2", "promote v2");
        r.assertLogContains("v2 passed its gate on green; running the smoke tests before traffic moves", build);
        r.assertLogContains("smoke tests pass", build);
        r.assertLogContains("live: v2 on green, was v1, switch 7 ms", build);
    }

    @Test
    void shouldStopTheNewColorAndKeepTrafficWhenTheSmokeTestsFail() throws Exception {
        var build = run(Result.FAILURE, """
                node {
                    blueGreenDeployWithSmokeTests(destination: 'staging', version: 'v2') { error 'smoke tests failed: /checkout 500' }
                }
                """);

        assertThat(ScriptedEngine.CALLS).containsExactly("stage v2",
                "abandon v2: the smoke tests failed: smoke tests failed: /checkout 500");
        r.assertLogContains("smoke tests failed: /checkout 500", build);
    }

    @Test
    void shouldHoldADeployWhileTheWindowIsClosedWithoutTouchingAHost() throws Exception {
        var build = run(Result.NOT_BUILT, "node { blueGreenDeploy destination: 'production', version: 'v2', onHeld: 'fail' }");

        assertThat(ScriptedEngine.CALLS).isEmpty();
        r.assertLogContains("Deployment window closed by 'change freeze'", build);
    }

    @Test
    void shouldDeployWithoutABlockStraightAfterTheGate() throws Exception {
        run(Result.SUCCESS, "node { blueGreenDeploy destination: 'staging', version: 'v3' }");

        assertThat(ScriptedEngine.CALLS).containsExactly("stage v3", "promote v3");
    }

    /**
     * workflow-cps' DSL.invokeStep refuses a call without a body when the descriptor takes one, and
     * DSL.parseArgs keeps a closure given to a step that takes none as an argument: neither step may
     * pretend its block is optional, and a block given to blueGreenDeploy touches no host.
     */
    @Test
    void shouldRequireTheBlockExactlyWhereTheStepTakesOne() throws Exception {
        var withoutSmokeTests = run(Result.FAILURE, "node { blueGreenDeployWithSmokeTests destination: 'staging', version: 'v2' }");
        r.assertLogContains("blueGreenDeployWithSmokeTests step must be called with a body", withoutSmokeTests);

        run(Result.FAILURE, "node { blueGreenDeploy(destination: 'staging', version: 'v2') { echo 'smoke tests' } }");

        assertThat(ScriptedEngine.CALLS).isEmpty();
    }

    /** GIT_COMMIT is not in a run's environment by itself (WorkflowRun.getEnvironment), so there is no default to guess. */
    @Test
    void shouldRequireTheVersionNamingIt() throws Exception {
        assertRefusedBeforeAnyHost("node { blueGreenDeploy destination: 'staging' }",
                "blueGreenDeploy: version: expected a release version");
        assertRefusedBeforeAnyHost("node { runMigrations destination: 'staging' }",
                "runMigrations: version: expected a release version");
    }

    /** StepDescriptor.checkContextAvailability, called by workflow-cps' DSL.invokeStep before the step starts. */
    @Test
    void shouldAskForANodeOutsideOne() throws Exception {
        assertRefusedBeforeAnyHost("blueGreenDeploy destination: 'staging', version: 'v2'",
                "Required context class hudson.FilePath is missing");
    }

    /**
     * The repository names its destinations: a "staging" deploy whose staging config lists a host the
     * admins tied to production is held by production's policy (the engine's RepositoryPolicy rule,
     * read on the agent from the workspace).
     */
    @Test
    void shouldHoldAStagingDeployThatReachesProductionHosts() throws Exception {
        DeploymentPolicyConfiguration.get().setWindows(WINDOWS + "  production:\n    hosts: ['*.prod.internal']\n");

        var build = run(Result.NOT_BUILT, """
                node {
                    writeFile file: 'config/deploy.yml', text: 'service: shop\\nimage: registry.example/shop\\nservers: [web-1.staging.internal]\\n'
                    writeFile file: 'config/deploy.staging.yml', text: 'servers: [web-1.prod.internal]\\n'
                    blueGreenDeploy destination: 'staging', version: 'v2', onHeld: 'fail'
                }
                """);

        r.assertLogContains("Deployment window closed by 'change freeze'", build);
        assertThat(ScriptedEngine.CALLS).isEmpty();
    }

    /** The admins' approval floor: a pipeline that skips the approval cannot deploy to the destination. */
    @Test
    void shouldRefuseADeployToAFlooredDestinationWithoutItsApproval() throws Exception {
        DeploymentPolicyConfiguration.get().setApprovalFloors("staging:\n  approvers: [group:release]\n  required: 2\n");

        assertRefusedBeforeAnyHost("node { blueGreenDeploy destination: 'staging', version: 'v2' }",
                "blueGreenDeploy: destination: 'staging' needs 2 approval(s) from group:release first, got none"
                + " in this build; expected deploymentApproval destination: 'staging' before blueGreenDeploy");
    }

    /** A mistyped onHeld used to pass unnoticed whenever the window happened to be open. */
    @Test
    void shouldRefuseAMistypedOnHeldEvenWhileTheWindowIsOpen() throws Exception {
        assertRefusedBeforeAnyHost("node { blueGreenDeploy destination: 'staging', version: 'v2', onHeld: 'later' }",
                "blueGreenDeploy: onHeld: expected 'wait' (the build waits for the window) or 'fail'");
    }

    /**
     * withCredentials changes only the step context's EnvVars (credentials-binding's BindingStep
     * adds an EnvironmentExpander naming its variables as sensitive): the deploy gets exactly the
     * variables its config refers to, the bound secret masked, and nothing the agent's own process
     * environment holds (PATH here, which a node's EnvVars start from).
     */
    @Test
    void shouldHandWhatWithCredentialsBoundToTheDeployMasked() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "registry-token", "registry", Secret.fromString("ghp_registryS3cret")));
        ScriptedEngine.configRefersTo = Set.of("REGISTRY_PASSWORD", "RAILS_ENV", "PATH");

        var build = run(Result.SUCCESS, """
                node {
                    withCredentials([string(credentialsId: 'registry-token', variable: 'REGISTRY_PASSWORD')]) {
                        withEnv(['RAILS_ENV=staging', 'UNRELATED=not-for-the-deploy']) {
                            blueGreenDeploy destination: 'staging', version: 'v2'
                        }
                    }
                }
                """);

        r.assertLogContains("handed PATH=null RAILS_ENV=staging REGISTRY_PASSWORD=****", build);
        r.assertLogNotContains("ghp_registryS3cret", build);
    }

    @Test
    void shouldNeverPrintTheKeyEvenWhenTheEngineReportsIt() throws Exception {
        ScriptedEngine.stageSays = "offered key " + KEY;

        var build = run(Result.SUCCESS, "node { blueGreenDeploy destination: 'staging', version: 'v2' }");

        r.assertLogContains("offered key ****", build);
        r.assertLogNotContains("b3BlbnNzaC1rZXktdjEAAAAABG5vbmU", build);
    }

    @Test
    void shouldEndWithOneLineForAParameterMistake() throws Exception {
        var build = run(Result.FAILURE, "node { blueGreenDeploy destination: 'staging', version: 'v 2' }");

        r.assertLogContains("blueGreenDeploy: version: expected an image tag", build);
        r.assertLogNotContains("InvalidInputException", build);
        assertThat(ScriptedEngine.CALLS).isEmpty();
    }

    @Test
    void shouldNameMissingCredentials() throws Exception {
        var build = run(Result.FAILURE, "node { runMigrations destination: 'staging', version: 'v2', credentialsId: 'nobody' }");

        r.assertLogContains("runMigrations: credentialsId: expected 'SSH Username with private key' credentials this"
                + " build may use, got 'nobody'", build);
    }

    @Test
    void shouldReturnTheMigrationOutcome() throws Exception {
        var build = run(Result.SUCCESS, """
                node {
                    def m = runMigrations destination: 'staging', version: 'v2'
                    echo "schema ${m.schemaBefore} -> ${m.schemaAfter}: ${m.applied}"
                }
                """);

        assertThat(ScriptedEngine.CALLS).containsExactly("migrate v2");
        r.assertLogContains("schema 1 -> 2: 1", build);
    }

    @Test
    void shouldReportAFailedRollbackInOneLine() throws Exception {
        var build = run(Result.FAILURE, "node { rollback destination: 'production', toVersion: 'v0' }");

        r.assertLogContains("rollback failed: no release v0 in the history of web-1.internal; traffic stays on v2", build);
        r.assertLogNotContains("DeployFailedException", build);
    }
}
