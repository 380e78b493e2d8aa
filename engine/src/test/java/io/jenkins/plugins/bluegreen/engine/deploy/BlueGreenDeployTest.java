package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.lock.LockHeldException;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.testbed.LoadGenerator;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole deploys on three simulated hosts: real sshd, podman storage and nginx per host. Each test
 * deploys a service of its own; the host-drop test takes a host away and so runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlueGreenDeployTest {
    private static final int HOSTS = 3;
    private static final TestImages.App SLOW_BOOT = TestImages.slowBoot(3);

    @RegisterExtension
    static final TestBed BED = TestBed.hosts(HOSTS).withPodman();

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void images() {
        DeployScenario.loadImages(BED, TestImages.V1, TestImages.V2, TestImages.NEVER_HEALTHY, SLOW_BOOT);
    }

    private final List<DeployScenario> scenarios = new ArrayList<>();

    private DeployScenario scenario(final String... extra) {
        var s = new DeployScenario(BED, nginx, dir, extra);
        scenarios.add(s);
        return s;
    }

    /** Each test's containers go with it, so later tests run on hosts as quiet as the first. */
    @AfterEach
    void removeContainers() {
        scenarios.forEach(DeployScenario::removeContainers);
    }

    /** What an aborted deploy of v2 over v1 (on blue) must leave: v1 serving, alone, and every host unlocked. */
    private static void assertOnlyV1RunsAndNoLockIsLeft(final DeployScenario s) {
        for (int i = 0; i < HOSTS; i++) {
            assertThat(s.served(i)).as("served on host " + i).isEqualTo("200 bgtest-app v1");
            assertThat(s.running(i)).as("the new color was stopped on host " + i)
                    .containsExactly(s.container(Color.BLUE));
            assertThat(s.lock(i)).as("lock released on host " + i).isEmpty();
        }
    }

    @Test
    @Order(1)
    void shouldPutV2LiveOnEveryHostAndKeepV1Warm() {
        var s = scenario("  watch:", "    duration: 1s", "    interval: 200ms");
        var first = s.deploy().run(DeployPlan.of("v1", "alice"));
        assertThat(first.outcome()).isEqualTo(DeployResult.Outcome.LIVE);
        assertThat(first.color()).isEqualTo(Color.BLUE);
        assertThat(first.previousVersion()).isNull();

        var second = s.deploy().run(DeployPlan.of("v2", "bob").withMessage("release train 42"));

        System.out.println("deploy v2 on " + HOSTS + " hosts: " + second.timeline() + "\n" + second.table());
        assertThat(second.color()).isEqualTo(Color.GREEN);
        assertThat(second.previousVersion()).isEqualTo("v1");
        assertThat(second.gates()).hasSize(HOSTS * 2).allMatch(g -> g.passed());
        assertThat(second.phases()).containsKeys(Phase.LOCK, Phase.LEDGER, Phase.BOOT, Phase.GATE, Phase.SWITCH,
                Phase.WATCH, Phase.HISTORY);
        // Every host moved at once; how far apart they began answering is part of the result.
        assertThat(second.switchSkew()).isNotNull();
        assertThat(BED.hosts()).contains(second.switchSkew().first(), second.switchSkew().last());
        assertThat(second.timeline()).endsWith("; " + second.switchSkew().describe());
        assertThat(s.events).extracting(Event::line).contains("[switch] every host serves green (port "
                + s.config.config().extension().ports().green() + ", v2); " + second.switchSkew().describe());
        for (int i = 0; i < HOSTS; i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v2");
            var ledger = s.ledger(i);
            assertThat(ledger.live()).contains(Color.GREEN);
            assertThat(ledger.releases()).extracting(r -> r.version()).containsExactly("v2", "v1");
            assertThat(ledger.history().get(ledger.history().size() - 1).release().deployedBy()).isEqualTo("bob");
            assertThat(ledger.slot("web", Color.BLUE)).hasValueSatisfying(slot -> {
                assertThat(slot.running()).as("v1 stays warm").isTrue();
                assertThat(slot.release().version()).isEqualTo("v1");
            });
            assertThat(s.lock(i)).isEmpty();
        }
    }

    @Test
    @Order(2)
    void shouldLeaveV1ServingAndStopTheNewColorWhenTheGateFails() {
        var s = scenario();
        s.deploy().run(DeployPlan.of("v1", "alice"));

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of("never-healthy", "bob")))
                .isInstanceOfSatisfying(DeployAbortedException.class, e -> {
                    assertThat(e.getMessage()).contains("aborted before the switch", "health gate failed",
                            "traffic stays on blue (v1)");
                    assertThat(e.result().outcome()).isEqualTo(DeployResult.Outcome.ABORTED);
                });

        assertOnlyV1RunsAndNoLockIsLeft(s);
        for (int i = 0; i < HOSTS; i++) {
            assertThat(s.ledger(i).live()).contains(Color.BLUE);
        }
    }

    @Test
    @Order(3)
    void shouldSwitchBackByItselfWhenTheNewReleaseTurnsUnhealthyAfterTheSwitch() {
        var s = scenario("  watch:", "    duration: 10s", "    interval: 250ms");
        s.deploy().run(DeployPlan.of("v1", "alice"));

        assertThatThrownBy(() -> s.fallingIllOnceLive(Color.GREEN).run(DeployPlan.of("v2", "bob")))
                .isInstanceOfSatisfying(DeployAbortedException.class, e -> {
                    // Whichever probe notices first: the error rate or /health failing twice in a row.
                    assertThat(e.getMessage()).contains("rolled back automatically", "traffic is back on blue (v1)");
                    assertThat(e.result().outcome()).isEqualTo(DeployResult.Outcome.ROLLED_BACK);
                });

        for (int i = 0; i < HOSTS; i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v1");
            assertThat(s.running(i)).containsExactly(s.container(Color.BLUE));
            var ledger = s.ledger(i);
            assertThat(ledger.live()).contains(Color.BLUE);
            var last = ledger.history().get(ledger.history().size() - 1);
            assertThat(last.action()).isEqualTo(HistoryEntry.Action.ROLLBACK);
            assertThat(last.release().version()).isEqualTo("v1");
            assertThat(last.message()).contains("automatic rollback", "v2");
        }
        assertThat(s.events).anyMatch(e -> e.phase() == Phase.ROLLBACK && e.message().startsWith("switched back to"));
        assertThat(s.events).anyMatch(e -> e.phase() == Phase.ROLLBACK && e.message().startsWith("switched back with"
                + " switch skew "));
    }

    @Test
    @Order(4)
    void shouldRefuseASecondDeployWhileTheFirstHoldsTheLock() throws Exception {
        var s = scenario();
        var inHook = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> s.deploy().run(DeployPlan.of("v1", "alice")
                .withPreSwitch(candidate -> {
                    inHook.countDown();
                    proceed.await(60, TimeUnit.SECONDS);
                })));
        assertThat(inHook.await(60, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of("v2", "bob")))
                .isInstanceOf(LockHeldException.class)
                .hasMessageContaining("is locked by alice since")
                .hasMessageContaining("deploying v1");
        proceed.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(DeployResult.Outcome.LIVE);
        for (int i = 0; i < HOSTS; i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v1");
            assertThat(s.lock(i)).isEmpty();
        }
    }

    @Test
    @Order(5)
    void shouldAbortWithTrafficUntouchedWhenThePreSwitchHookFails() {
        var s = scenario();
        s.deploy().run(DeployPlan.of("v1", "alice"));
        var seen = new ArrayList<String>();

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of("v2", "bob").withPreSwitch(candidate -> {
            assertThat(candidate.color()).isEqualTo(Color.GREEN);
            assertThat(candidate.hosts()).hasSize(HOSTS);
            candidate.urls().values().forEach(url -> seen.add(DeployScenario.get(url.resolve("/"))));
            throw new IllegalStateException("smoke test: checkout page answered 500");
        }))).isInstanceOf(DeployAbortedException.class)
                .hasMessageContaining("pre-switch hook failed: smoke test: checkout page answered 500")
                .hasMessageContaining("traffic stays on blue (v1)");

        assertThat(seen).containsOnly("200 bgtest-app v2").hasSize(HOSTS);
        assertOnlyV1RunsAndNoLockIsLeft(s);
    }

    @Test
    @Order(6)
    void shouldAbortWhenTheSwitchGuardVetoes() {
        var s = scenario();
        s.deploy().run(DeployPlan.of("v1", "alice"));

        assertThatThrownBy(() -> s.deploy().run(DeployPlan.of("v2", "bob")
                .withGuard(plan -> Optional.of("the deployment window closed at 14:00 UTC"))))
                .isInstanceOf(DeployAbortedException.class)
                .hasMessageContaining("switch refused: the deployment window closed at 14:00 UTC");
        assertThat(s.served(0)).isEqualTo("200 bgtest-app v1");

        var rollback = s.deploy().run(DeployPlan.of("v2", "bob").asRollback()
                .withGuard(plan -> Optional.of("never asked for a rollback")));
        assertThat(rollback.outcome()).isEqualTo(DeployResult.Outcome.LIVE);
        var ledger = s.ledger(0);
        assertThat(ledger.history().get(ledger.history().size() - 1).action()).isEqualTo(HistoryEntry.Action.ROLLBACK);
    }

    @Test
    @Order(7)
    void shouldBootAReleaseAgainForARollbackThatHoldsTheLocks() {
        var s = scenario("  watch:", "    duration: 5s", "    interval: 250ms");
        s.deploy().run(DeployPlan.of("v1", "alice"));
        s.deploy().run(DeployPlan.of("v2", "bob"));
        var lock = new DeployLock(s.config.config().extension().runDirectory());
        var connections = new ArrayList<Connection>();
        try {
            for (int i = 0; i < HOSTS; i++) {
                var c = s.connect(i);
                connections.add(c);
                lock.acquire(c, Service.of(s.service), new LockHolder(new DeployStamp(Instant.now(), "carol"), "v1",
                        "rollback"));
            }

            var result = s.deploy().redeploy("v1", "carol", connections);

            assertThat(result.color()).isEqualTo(Color.BLUE);
            assertThat(result.phases()).doesNotContainKey(Phase.WATCH);
            for (int i = 0; i < HOSTS; i++) {
                assertThat(s.served(i)).isEqualTo("200 bgtest-app v1");
                assertThat(s.lock(i)).as("the caller's lock stays").isPresent();
                var history = s.ledger(i).history();
                assertThat(history.get(history.size() - 1).release().version()).as("history is the caller's")
                        .isEqualTo("v2");
            }
            assertThat(connections.get(0).run(Command.of("true"), OutputListener.discard(), DeployScenario.TIMEOUT)
                    .ok()).as("the caller's connections stay open").isTrue();
        }
        finally {
            for (Connection c : connections) {
                lock.release(c, Service.of(s.service));
                c.close();
            }
        }
    }

    @Test
    @Order(8)
    void shouldLeaveAStateTheNextDeployRecoversFromWhenCancelled() throws Exception {
        var s = scenario();
        s.deploy().run(DeployPlan.of("v1", "alice"));
        var booted = new CountDownLatch(HOSTS);
        var deploy = s.deploy(e -> {
            if (e.phase() == Phase.BOOT && e.message().startsWith("started ")) {
                booted.countDown();
            }
        });
        var running = CompletableFuture.supplyAsync(() -> deploy.run(DeployPlan.of(SLOW_BOOT.tag(), "bob")));
        assertThat(booted.await(60, TimeUnit.SECONDS)).isTrue();

        deploy.cancel();

        assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(DeployFailedException.class)
                .hasMessageContaining("cancelled");
        assertOnlyV1RunsAndNoLockIsLeft(s);

        var next = s.deploy().run(DeployPlan.of("v2", "carol"));
        assertThat(next.color()).isEqualTo(Color.GREEN);
        for (int i = 0; i < HOSTS; i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v2");
        }
    }

    /**
     * A cancel that lands while the health gate opens a connection: OkHttp then throws what no Java
     * signature declares, and the new color must still be stopped. Cancelling from the gate's first
     * event puts the interrupt exactly there, on every machine.
     */
    @Test
    @Order(8)
    void shouldStopTheNewColorWhenCancelledAsTheGateConnects() {
        var s = scenario();
        s.deploy().run(DeployPlan.of("v1", "alice"));
        var deploy = new AtomicReference<BlueGreenDeploy>();
        deploy.set(s.deploy(e -> {
            if (e.phase() == Phase.GATE && e.message().startsWith("waiting for ")) {
                deploy.get().cancel();
            }
        }));

        assertThatThrownBy(() -> deploy.get().run(DeployPlan.of("v2", "bob")))
                .isInstanceOf(DeployAbortedException.class).hasMessageContaining("the deploy was cancelled");
        assertThat(Thread.interrupted()).as("the cleanup took the interrupt back").isFalse();
        assertOnlyV1RunsAndNoLockIsLeft(s);
    }

    @Test
    @Order(9)
    void shouldLoseNoRequestDuringFiveDeploysUnderLoad() {
        var s = scenario("  watch:", "    duration: 1s", "    interval: 250ms");
        s.deploy().run(DeployPlan.of("v1", "alice"));
        var control = LoadGenerator.control(s.publicUrl(0), 210, Duration.ofSeconds(10));
        System.out.println("zero-downtime: control, no deploy: " + control.summary());
        var load = LoadGenerator.start(s.publicUrl(0), 210);
        var loadStart = Instant.now();
        s.events.clear();
        var timelines = new ArrayList<String>();
        for (String version : List.of("v2", "v1", "v2", "v1", "v2")) {
            timelines.add(version + ": " + s.deploy().run(DeployPlan.of(version, "ci")).timeline());
        }
        var stats = load.stop();

        System.out.println("zero-downtime: 5 deploys under load: " + stats.summary() + "\n  "
                + String.join("\n  ", timelines));
        System.out.println("zero-downtime: failed requests = " + stats.failed());
        if (stats.failed() > 0) {
            // The failures carry their time since the load started; the events show what ran then.
            new ArrayList<>(s.events).forEach(e -> System.out.printf("  %6.2fs %s%n",
                    Duration.between(loadStart, e.at()).toMillis() / 1000.0, e.line()));
        }
        assertThat(stats.rate()).isGreaterThanOrEqualTo(200);
        assertThat(stats.failed()).as(stats.summary()).isZero();
        assertThat(stats.bodies()).containsOnlyKeys("bgtest-app v1", "bgtest-app v2");
    }

    @Test
    @Order(100)
    void shouldStopTheNewColorAndNameTheHostThatDropsOutDuringBoot() throws Exception {
        // One host at a time, 2 s apart: host 2 is still waiting for its turn when it drops out.
        var s = scenario("boot:", "  limit: 1", "  wait: 2s");
        s.deploy().run(DeployPlan.of("v1", "alice"));
        var firstStarted = new CountDownLatch(1);
        var deploy = s.deploy(e -> {
            if (e.phase() == Phase.BOOT && e.message().startsWith("started ")) {
                firstStarted.countDown();
            }
        });
        var running = CompletableFuture.supplyAsync(() -> deploy.run(DeployPlan.of(SLOW_BOOT.tag(), "bob")));
        assertThat(firstStarted.await(60, TimeUnit.SECONDS)).isTrue();

        BED.down(2);

        assertThatThrownBy(() -> running.get(90, TimeUnit.SECONDS)).hasCauseInstanceOf(DeployAbortedException.class)
                .hasMessageContaining(BED.host(2).toString());
        for (int i = 0; i < 2; i++) {
            assertThat(s.served(i)).isEqualTo("200 bgtest-app v1");
            assertThat(s.running(i)).containsExactly(s.container(Color.BLUE));
            assertThat(s.lock(i)).isEmpty();
        }
        assertThat(s.events).anyMatch(e -> e.level() == Event.Level.ERROR && e.phase() == Phase.RELEASE
                && e.host().equals(BED.host(2).toString()) && e.message().contains("STILL HELD"));
    }
}
