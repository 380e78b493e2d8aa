package io.jenkins.plugins.bluegreen.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.lock.LockHeldException;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rollback on three real hosts (sshd, podman, nginx each), starting from "v1 deployed, then v2
 * deployed, v1 still warm on blue", set up directly with the container, ledger and switch pieces.
 */
class RollbackTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(3).withPodman();

    private static final Instant T1 = Instant.parse("2026-11-24T10:15:30Z");
    private static final Instant T2 = Instant.parse("2026-11-25T11:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-25T12:00:00Z");

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    private Fleet fleet;

    @BeforeAll
    static void loadImages() throws Exception {
        Fleet.loadImages(BED, TestImages.V1, TestImages.V2);
    }

    @BeforeEach
    void startFleet() {
        fleet = new Fleet(BED, nginx);
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    /** v1 live on blue, then v2 on green: v1 stays warm. Schemas as given, per deploy. */
    private void v1ThenV2(final String v1Schema, final String v2Schema) {
        for (int i = 0; i < fleet.hosts.size(); i++) {
            fleet.deploy(i, TestImages.V1, Color.BLUE, "alice", T1, null, v1Schema);
            fleet.deploy(i, TestImages.V2, Color.GREEN, "bob", T2, v1Schema, v2Schema);
        }
        fleet.switchAll(Color.GREEN, "v2");
    }

    private Rollback rollback() {
        return new Rollback(fleet.service, "web", Fleet.PORTS, Fleet.REPOSITORY, fleet.containers, fleet.traffic(),
                fleet.events::add);
    }

    private static RollbackRequest request(final String toVersion, final boolean schema) {
        return new RollbackRequest(null, null, toVersion, schema, "carol", "error rate above 5%");
    }

    @Test
    void shouldRollBackToThePreviousReleaseThroughTheWarmColor() throws Exception {
        v1ThenV2(null, null);
        for (int i = 0; i < 3; i++) {
            assertThat(fleet.answer(i)).isEqualTo("bgtest-app v2");
        }

        var outcome = rollback().run(fleet.hosts, request(null, false));

        assertThat(outcome.version()).isEqualTo("v1");
        assertThat(outcome.previousVersion()).isEqualTo("v2");
        assertThat(outcome.color()).isEqualTo("blue");
        for (int i = 0; i < 3; i++) {
            assertThat(fleet.answer(i)).as("host " + i).isEqualTo("bgtest-app v1");
            var history = fleet.ledger.read(fleet.hosts.get(i), fleet.service, 10).history();
            var last = history.get(history.size() - 1);
            assertThat(last.action()).isEqualTo(HistoryEntry.Action.ROLLBACK);
            assertThat(last.release().version()).isEqualTo("v1");
            assertThat(last.release().color()).isEqualTo(Color.BLUE);
            assertThat(last.release().deployedBy()).isEqualTo("carol");
            assertThat(last.message()).isEqualTo("error rate above 5%");
            assertThat(new DeployLock(".bluegreen").status(fleet.hosts.get(i), fleet.service)).isEmpty();
        }
        assertThat(outcome.switchSkew()).as("every host went back at once, and how far apart is measured").isNotNull();
        System.out.printf("rollback via the warm color, 3 hosts: decision to v1 answering everywhere %d ms"
                + " (switch incl. verify), switch skew %d ms, lock %d ms%n", outcome.phases().get(Phase.SWITCH).toMillis(),
                outcome.switchSkew().toMillis(), outcome.phases().get(Phase.LOCK).toMillis());
        assertThatThrownBy(() -> rollback().run(fleet.hosts, request(null, false)))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("nothing to roll back to: " + BED.host(0) + " has no release before v1");
    }

    @Test
    void shouldPutEveryHostBackAndSaySoWhenTheSwitchFailsOnOne() throws Exception {
        v1ThenV2(null, null);
        fleet.stopNginx(2);

        assertThatThrownBy(() -> rollback().run(fleet.hosts, request(null, false)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageStartingWith("rollback to v1 failed: " + BED.host(2) + ": traffic switch to blue (port 3001,"
                        + " v1) failed; restored " + BED.host(0) + " to green (port 3002, v2), " + BED.host(1)
                        + " to green (port 3002, v2); NOT restored: " + BED.host(2));
        for (int i = 0; i < 2; i++) {
            assertThat(fleet.answer(i)).isEqualTo("bgtest-app v2");
            var history = fleet.ledger.read(fleet.hosts.get(i), fleet.service, 10).history();
            assertThat(history.get(history.size() - 1).action()).isEqualTo(HistoryEntry.Action.DEPLOY);
            assertThat(new DeployLock(".bluegreen").status(fleet.hosts.get(i), fleet.service)).isEmpty();
        }
    }

    @Test
    void shouldRefuseWhenThereIsNothingToRollBackTo() {
        assertThatThrownBy(() -> rollback().run(fleet.hosts, request(null, false)))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessage("rollback refused: nothing to roll back to: " + BED.host(0) + " has no live release;"
                        + " traffic was not touched");
        assertThat(new DeployLock(".bluegreen").status(fleet.hosts.get(0), fleet.service)).isEmpty();
    }

    @Test
    void shouldRefuseAVersionThatIsNotOnEveryHost() {
        fleet.deploy(0, TestImages.V1, Color.BLUE, "alice", T1, null, null);
        fleet.deploy(0, TestImages.V2, Color.GREEN, "bob", T2, null, null);
        for (int i = 1; i < 3; i++) {
            fleet.deploy(i, TestImages.V2, Color.GREEN, "bob", T2, null, null);
        }
        fleet.switchAll(Color.GREEN, "v2");

        assertThatThrownBy(() -> rollback().run(fleet.hosts, request("v1", false)))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessage("rollback refused: v1 is not on every host: " + BED.host(1) + ", " + BED.host(2)
                        + " never ran it; choose a version every host has run (bluegreen status lists them);"
                        + " traffic was not touched");
    }

    @Test
    void shouldRefuseWhenTheImageIsGoneFromAHost() throws Exception {
        v1ThenV2(null, null);
        fleet.run(2, "podman", "rm", "-f", "-t", "0", fleet.service + "-web-blue");
        fleet.run(2, "podman", "rmi", TestImages.V1.image());
        try {
            assertThatThrownBy(() -> rollback().run(fleet.hosts, request("v1", false)))
                    .isInstanceOf(RollbackRefusedException.class)
                    .hasMessage("rollback refused: the image " + TestImages.V1.image() + " of v1 is gone from "
                            + BED.host(2) + "; pull it there first, or roll back to another version;"
                            + " traffic was not touched");
            assertThat(fleet.answer(2)).isEqualTo("bgtest-app v2");
        }
        finally {
            Fleet.loadImages(BED, TestImages.V1);
        }
    }

    @Test
    void shouldRefuseWhenTheSchemaMovedOnAndNoSchemaRollbackWasAsked() throws Exception {
        v1ThenV2("20250101", "20250201");
        for (int i = 0; i < 3; i++) {
            fleet.migrate(i, "v2", "20250201", "20250301", 1, T3);
        }

        assertThatThrownBy(() -> rollback().run(fleet.hosts, request(null, false)))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("v1 last served on schema 20250201 but the schema is now 20250301"
                        + " (1 migration(s) later)")
                .hasMessageContaining("--schema");
        assertThat(fleet.answer(0)).isEqualTo("bgtest-app v2");
    }

    @Test
    void shouldRollTheSchemaBackByTheRecordedStepsBeforeSwitching() throws Exception {
        v1ThenV2("20250101", "20250201");
        for (int i = 0; i < 3; i++) {
            fleet.migrate(i, "v2", "20250201", "20250301", 1, T3);
            fleet.migrate(i, "v2", "20250301", "20250401", 2, T3);
        }
        var calls = new ArrayList<SchemaChange>();
        var liveDuringCall = new ArrayList<Optional<Target>>();
        Connection first = fleet.hosts.get(0);

        var outcome = rollback().withSchemaRollback(change -> {
            calls.add(change);
            liveDuringCall.add(fleet.traffic().current(first));
        }).run(fleet.hosts, request(null, true));

        assertThat(calls).containsExactly(new SchemaChange("20250401", "20250201", 3));
        assertThat(liveDuringCall).containsExactly(Optional.of(fleet.target(Color.GREEN, "v2")));
        assertThat(outcome.version()).isEqualTo("v1");
        assertThat(fleet.answer(1)).isEqualTo("bgtest-app v1");
        var history = fleet.ledger.read(first, fleet.service, 10).history();
        var last = history.get(history.size() - 1);
        assertThat(last.schemaBefore()).isEqualTo("20250401");
        assertThat(last.schemaAfter()).isEqualTo("20250201");
    }

    @Test
    void shouldLeaveTrafficAloneWhenTheSchemaRollbackFails() throws Exception {
        v1ThenV2("20250101", "20250201");
        for (int i = 0; i < 3; i++) {
            fleet.migrate(i, "v2", "20250201", "20250301", 1, T3);
        }

        assertThatThrownBy(() -> rollback().withSchemaRollback(change -> {
            throw new DeployFailedException("db:rollback STEP=1 exited with 1; the schema is still at 20250301");
        }).run(fleet.hosts, request(null, true)))
                .hasMessage("rollback to v1 stopped: the schema 20250301 back to 20250201 (1 step) failed, so traffic"
                        + " was not touched and v2 still serves; the schema is where this says:\n"
                        + "db:rollback STEP=1 exited with 1; the schema is still at 20250301");
        assertThat(fleet.answer(0)).isEqualTo("bgtest-app v2");
        assertThat(new DeployLock(".bluegreen").status(fleet.hosts.get(0), fleet.service)).isEmpty();
    }

    @Test
    void shouldNeedNoSchemaRollbackForTheReleaseThatServedThroughTheExpandStep() throws Exception {
        v1ThenV2("20250101", "20250201");

        var outcome = rollback().withSchemaRollback(change -> {
            throw new AssertionError("no schema rollback expected, got " + change);
        }).run(fleet.hosts, request(null, true));

        assertThat(outcome.version()).isEqualTo("v1");
        assertThat(fleet.answer(2)).isEqualTo("bgtest-app v1");
    }

    @Test
    void shouldRefuseWhileAnotherDeployHoldsTheLockNamingTheHolder() throws Exception {
        v1ThenV2(null, null);
        var lock = new DeployLock(".bluegreen");
        lock.acquire(fleet.hosts.get(1), fleet.service,
                new LockHolder(new DeployStamp(T3, "dave"), "v3", "release train 42"));

        assertThatThrownBy(() -> rollback().run(fleet.hosts, request(null, false)))
                .isInstanceOf(LockHeldException.class)
                .hasMessageContaining(BED.host(1) + ": " + fleet.service + " is locked by dave since " + T3
                        + " deploying v3 (release train 42)");
        assertThat(lock.status(fleet.hosts.get(0), fleet.service)).as("the lock taken on the first host").isEmpty();
        assertThat(fleet.answer(0)).isEqualTo("bgtest-app v2");
    }

    @Test
    void shouldShowEveryHostAndTheirDisagreement() {
        v1ThenV2(null, null);
        fleet.run(2, "podman", "rm", "-f", "-t", "0", fleet.service + "-web-green");
        new DeployLock(".bluegreen").acquire(fleet.hosts.get(1), fleet.service,
                new LockHolder(new DeployStamp(T3, "dave"), "v3", null));

        var status = new StatusReader(fleet.service, "web", fleet.ledger, new DeployLock(".bluegreen"))
                .read(fleet.hosts);
        var report = new StatusReport(status, 5);

        assertThat(status.agreed()).isFalse();
        assertThat(report.text()).startsWith(fleet.service + " (role web): HOSTS DISAGREE")
                .contains("green v2 (NOT RUNNING)", "green v2  ", "blue v1", "2026-11-25T11:00:00Z", "bob", "dave since " + T3 + " deploying v3")
                .contains("releases, newest first: v2 (green, 2026-11-25T11:00:00Z, bob),"
                        + " v1 (blue, 2026-11-24T10:15:30Z, alice)");
        System.out.println(report.text());
        assertThat(report.json()).contains("\"agreed\" : false", "\"version\" : \"v2\"", "\"by\" : \"dave\"");
    }

    @Test
    void shouldBootAReleaseThatIsNoLongerWarmThroughTheBooter() throws Exception {
        v1ThenV2(null, null);
        for (int i = 0; i < 3; i++) {
            fleet.run(i, "podman", "rm", "-f", "-t", "0", fleet.service + "-web-blue");
        }
        var booted = new ArrayList<String>();
        ReleaseBooter booter = (version, image, hosts) -> {
            booted.add(version + " " + image);
            for (int i = 0; i < hosts.size(); i++) {
                fleet.boot(i, TestImages.V1, Color.BLUE, new DeployStamp(Instant.now(), "carol"));
            }
            fleet.switchAll(Color.BLUE, version);
            return new DeployOutcome(version, "v2", "blue", hosts.stream().map(h -> h.host().toString()).toList(),
                    Map.of(), null);
        };

        assertThatThrownBy(() -> rollback().run(fleet.hosts, request(null, false)))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("v1 no longer runs warm on every host");
        var outcome = rollback().withBooter(booter).run(fleet.hosts, request(null, false));

        assertThat(booted).containsExactly("v1 " + TestImages.V1.image());
        assertThat(outcome.color()).isEqualTo("blue");
        assertThat(fleet.answer(0)).isEqualTo("bgtest-app v1");
        var history = fleet.ledger.read(fleet.hosts.get(0), fleet.service, 10).history();
        assertThat(history.get(history.size() - 1).action()).isEqualTo(HistoryEntry.Action.ROLLBACK);
    }

}
