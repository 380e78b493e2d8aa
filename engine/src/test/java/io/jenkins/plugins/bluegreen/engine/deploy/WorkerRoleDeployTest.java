package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.rollback.Rollback;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service with a worker role ({@code job}) next to its traffic role ({@code web}) on two
 * simulated hosts: whatever the deploy's end, exactly one color of the worker runs.
 */
class WorkerRoleDeployTest {
    private static final String REGISTRY_PASSWORD = "s3cret-registry-token";
    private static final List<String> REGISTRY = List.of("registry:", "  server: registry.example:5000",
            "  username: deploy-bot", "  password: $BG_REGISTRY_PASSWORD");

    @RegisterExtension
    static final TestBed BED = TestBed.hosts(2).withPodman();

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    @TempDir
    Path dir;

    private final List<DeployScenario> scenarios = new ArrayList<>();

    @BeforeAll
    static void images() {
        DeployScenario.loadImages(BED, TestImages.V1, TestImages.V2, TestImages.NEVER_HEALTHY);
    }

    private DeployScenario scenario(final List<String> topLevel, final Function<String, String> env,
                                    final String... extra) {
        var s = DeployScenario.withWorker(BED, nginx, dir, topLevel, env, extra);
        scenarios.add(s);
        return s;
    }

    @AfterEach
    void removeContainers() {
        scenarios.forEach(DeployScenario::removeContainers);
    }

    @Test
    void shouldRunOnlyTheNewWorkerOnceTheNewReleaseIsLive() {
        var s = scenario(List.of(), name -> null, "  watch:", "    duration: 1s", "    interval: 200ms");
        s.deploy().run(DeployPlan.of("v1", "alice"));
        var second = s.deploy().run(DeployPlan.of("v2", "bob"));

        assertThat(second.outcome()).isEqualTo(DeployResult.Outcome.LIVE);
        for (int i = 0; i < BED.hosts().size(); i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v2");
            assertThat(s.running(i)).as("web v1 stays warm, the v1 worker stops").containsExactly(
                    s.container("job", Color.GREEN), s.container("web", Color.BLUE), s.container("web", Color.GREEN));
            assertThat(s.ledger(i).slot("job", Color.GREEN)).hasValueSatisfying(slot ->
                    assertThat(slot.release().version()).isEqualTo("v2"));
        }
        assertThat(s.events).anyMatch(e -> e.phase() == Phase.BOOT && e.message().contains("readiness_delay"));
        assertThat(s.events).anyMatch(e -> e.phase() == Phase.RETIRE
                && e.message().startsWith("stopped job on the old color blue on 2 host(s)"));
    }

    @Test
    void shouldKeepTheOldWorkerAndStopTheNewOneWhenTheGateFails() {
        var s = scenario(List.of(), name -> null);
        s.deploy().run(DeployPlan.of("v1", "alice"));

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of(TestImages.NEVER_HEALTHY.tag(), "bob")))
                .isInstanceOf(DeployAbortedException.class).hasMessageContaining("aborted before the switch");

        for (int i = 0; i < BED.hosts().size(); i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v1");
            assertThat(s.running(i)).containsExactly(s.container("job", Color.BLUE), s.container("web", Color.BLUE));
        }
    }

    @Test
    void shouldKeepTheOldWorkerAndStopTheNewOneWhenTheWatchRollsBack() {
        var s = scenario(List.of(), name -> null, "  watch:", "    duration: 10s", "    interval: 250ms");
        s.deploy().run(DeployPlan.of("v1", "alice"));

        assertThatThrownBy(() -> s.fallingIllOnceLive(Color.GREEN).run(DeployPlan.of("v2", "bob")))
                .isInstanceOf(DeployAbortedException.class).hasMessageContaining("rolled back automatically");

        for (int i = 0; i < BED.hosts().size(); i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v1");
            assertThat(s.running(i)).containsExactly(s.container("job", Color.BLUE), s.container("web", Color.BLUE));
        }
    }

    @Test
    void shouldStartTheOlderWorkerAgainAndStopTheNewerOneOnAWarmRollback() {
        var s = scenario(List.of(), name -> null, "  watch:", "    duration: 1s", "    interval: 200ms");
        s.deploy().run(DeployPlan.of("v1", "alice"));
        s.deploy().run(DeployPlan.of("v2", "bob"));
        var sentBefore = s.sent.size();

        var outcome = rollBack(s);

        assertThat(outcome.color()).isEqualTo("blue");
        assertThat(s.sent.subList(sentBefore, s.sent.size())).as("a warm rollback boots nothing, it starts")
                .noneMatch(c -> c.startsWith("podman run"))
                .contains("podman start " + s.container("job", Color.BLUE));
        for (int i = 0; i < BED.hosts().size(); i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v1");
            assertThat(s.running(i)).as("the v2 web stays warm, only the v1 worker runs").containsExactly(
                    s.container("job", Color.BLUE), s.container("web", Color.BLUE), s.container("web", Color.GREEN));
            assertThat(s.ledger(i).slot("job", Color.BLUE)).hasValueSatisfying(slot ->
                    assertThat(slot.release().version()).isEqualTo("v1"));
        }
        assertThat(s.events).anyMatch(e -> e.message().startsWith("started job v1 on blue on 2 host(s)"));
        assertThat(s.events).anyMatch(e -> e.phase() == Phase.BOOT && e.message().contains("readiness_delay"));
        assertThat(s.events).anyMatch(e -> e.phase() == Phase.RETIRE
                && e.message().startsWith("stopped job on the old color green on 2 host(s)"));
    }

    @Test
    void shouldBootTheOlderReleaseAgainWhenItsWorkerContainerWasRemoved() {
        var s = scenario(List.of(), name -> null, "  watch:", "    duration: 1s", "    interval: 200ms");
        s.deploy().run(DeployPlan.of("v1", "alice"));
        s.deploy().run(DeployPlan.of("v2", "bob"));
        try (var c = s.connect(1)) {
            c.run(Command.of("podman", "rm", s.container("job", Color.BLUE)), OutputListener.discard(),
                    DeployScenario.TIMEOUT).orThrow();
        }

        var outcome = rollBack(s);

        assertThat(outcome.color()).isEqualTo("blue");
        assertThat(s.events).anyMatch(e -> e.phase() == Phase.ROLLBACK && e.message().contains(
                s.container("job", Color.BLUE) + " is gone from " + BED.host(1)) && e.message().contains("booting v1"));
        for (int i = 0; i < BED.hosts().size(); i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v1");
            assertThat(s.running(i)).containsExactly(
                    s.container("job", Color.BLUE), s.container("web", Color.BLUE), s.container("web", Color.GREEN));
            assertThat(s.ledger(i).slot("job", Color.BLUE)).hasValueSatisfying(slot ->
                    assertThat(slot.release().version()).isEqualTo("v1"));
        }
    }

    /** Rolls back to the previous release as {@code ConfigRollback} wires it. */
    private static DeployOutcome rollBack(final DeployScenario s) {
        var config = s.config.config();
        var deploy = s.deploy();
        var rollback = new Rollback(Service.of(s.service), config.primaryRoleName(), config.extension().ports(),
                config.image(), new ContainerCommands(ContainerRuntime.PODMAN, config.extension().runDirectory()),
                s.traffic(), s.events::add)
                .withBooter((version, image, held) -> deploy.redeploy(version, "carol", held).asOutcome());
        try (var connections = new Connections(s.recording())) {
            var hosts = config.primaryRole().hosts().stream().map(connections::get).toList();
            return rollback.withWorkers(deploy.workerReturn("carol", connections))
                    .run(hosts, new RollbackRequest(null, null, null, false, "carol", "jobs failing"));
        }
    }

    @Test
    void shouldAbortWhenAWorkerDoesNotKeepRunningThroughItsReadinessDelay() {
        var s = DeployScenario.withWorker(BED, nginx, dir, "/bin/busybox false", List.of(), name -> null);
        scenarios.add(s);

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of("v1", "alice")))
                .isInstanceOf(DeployAbortedException.class)
                .hasMessageContaining("readiness of v1 (job) on blue failed on 2 host(s)")
                .hasMessageContaining(s.container("job", Color.BLUE) + " is ")
                .hasMessageContaining("expected it running since its start");

        for (int i = 0; i < BED.hosts().size(); i++) {
            assertThat(s.running(i)).isEmpty();
        }
    }

    @Test
    void shouldNotLogInToTheRegistryWhenTheHostsHaveTheImage() {
        var s = scenario(REGISTRY, Map.of("BG_REGISTRY_PASSWORD", REGISTRY_PASSWORD)::get);
        // The hosts hold the release under the name the registry gives it, as after an earlier pull.
        for (int i = 0; i < BED.hosts().size(); i++) {
            try (var c = s.connect(i)) {
                c.run(Command.of("podman", "tag", TestImages.V1.image(), "registry.example:5000/" + TestImages.V1.image()),
                        OutputListener.discard(), DeployScenario.TIMEOUT).orThrow();
            }
        }

        assertThat(s.deploy().run(DeployPlan.of("v1", "alice")).outcome()).isEqualTo(DeployResult.Outcome.LIVE);

        assertThat(s.sent).isNotEmpty().noneMatch(c -> c.startsWith("podman login"))
                .noneMatch(c -> c.contains(REGISTRY_PASSWORD));
        assertThat(s.events).noneMatch(e -> e.message().contains(REGISTRY_PASSWORD));
    }

    @Test
    void shouldRefuseBeforeTouchingAHostWhenTheRegistryPasswordVariableIsMissing() {
        var s = scenario(REGISTRY, name -> null);

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of("v1", "alice")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("registry/password: environment variable BG_REGISTRY_PASSWORD is not set; expected it to"
                        + " hold the registry credential for the deploy");
        assertThat(s.sent).isEmpty();
    }
}
