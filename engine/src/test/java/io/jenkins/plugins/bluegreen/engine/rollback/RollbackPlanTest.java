package io.jenkins.plugins.bluegreen.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry.Action;
import io.jenkins.plugins.bluegreen.engine.ledger.LiveState;
import io.jenkins.plugins.bluegreen.engine.ledger.Release;
import io.jenkins.plugins.bluegreen.engine.ledger.Slot;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The decisions of a rollback, from host states written out by hand: no host needed. */
class RollbackPlanTest {
    private static final Service SERVICE = Service.of("shop");
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    private static HistoryEntry entry(final Action action, final String version, final Color color,
                                      final String before, final String after) {
        return new HistoryEntry(action, new Release(version, color, "shop/app:" + version, AT, "alice"), before, after,
                null);
    }

    private static HistoryEntry migrate(final String version, final String before, final String after,
                                        final Integer migrations) {
        return new HistoryEntry(Action.MIGRATE, new Release(version, Color.GREEN, "shop/app:" + version, AT, "alice"),
                before, after, null, migrations, null);
    }

    private static Slot slot(final String version, final Color color, final String state) {
        return new Slot("shop-web-" + color, "web", color, new Release(version, color, "shop/app:" + version, AT, "ci"),
                state);
    }

    private static HostView host(final String name, final List<Slot> slots, final HistoryEntry... history) {
        return HostView.read(new Host(name, 22), "web", new LiveState(SERVICE, slots, List.of(history)), Optional.empty());
    }

    private static FleetStatus fleet(final HostView... hosts) {
        return new FleetStatus(SERVICE, "web", List.of(hosts));
    }

    private static HostView v1ThenV2(final String name) {
        return host(name, List.of(slot("v1", Color.BLUE, "running"), slot("v2", Color.GREEN, "running")),
                entry(Action.DEPLOY, "v1", Color.BLUE, null, null), entry(Action.DEPLOY, "v2", Color.GREEN, null, null));
    }

    @Test
    void shouldChooseThePreviousReleaseWarmOnItsColor() {
        var plan = RollbackPlan.choose(fleet(v1ThenV2("web-1"), v1ThenV2("web-2")), null, "shop/app");

        assertThat(plan).isEqualTo(new RollbackPlan("v1", "v2", "shop/app:v1", Optional.of(Color.BLUE), Optional.empty()));
    }

    @Test
    void shouldWalkFurtherBackAfterARollbackInsteadOfForth() {
        var web1 = host("web-1", List.of(slot("v2", Color.GREEN, "running"), slot("v3", Color.BLUE, "running")),
                entry(Action.DEPLOY, "v1", Color.BLUE, null, null), entry(Action.DEPLOY, "v2", Color.GREEN, null, null),
                entry(Action.DEPLOY, "v3", Color.BLUE, null, null), entry(Action.ROLLBACK, "v2", Color.GREEN, null, null));

        var plan = RollbackPlan.choose(fleet(web1), null, "shop/app");

        assertThat(plan.version()).isEqualTo("v1");
        assertThat(plan.warm()).as("v1 no longer runs").isEmpty();
        assertThat(plan.image()).isEqualTo("shop/app:v1");
    }

    @Test
    void shouldRefuseWhenHostsDisagreeOnThePreviousRelease() {
        var web2 = host("web-2", List.of(), entry(Action.DEPLOY, "v0", Color.BLUE, null, null),
                entry(Action.DEPLOY, "v2", Color.GREEN, null, null));

        assertThatThrownBy(() -> RollbackPlan.choose(fleet(v1ThenV2("web-1"), web2), null, "shop/app"))
                .hasMessage("rollback refused: the hosts disagree on the release before the live one (web-1:22: v1,"
                        + " web-2:22: v0); name the version to return to (--to / toVersion); traffic was not touched");
    }

    @Test
    void shouldRefuseAReleaseWarmOnDifferentColors() {
        var web2 = host("web-2", List.of(slot("v1", Color.GREEN, "running"), slot("v2", Color.BLUE, "running")),
                entry(Action.DEPLOY, "v1", Color.GREEN, null, null), entry(Action.DEPLOY, "v2", Color.BLUE, null, null));

        assertThatThrownBy(() -> RollbackPlan.choose(fleet(v1ThenV2("web-1"), web2), null, "shop/app"))
                .hasMessageContaining("v1 runs on different colors (web-1:22: blue, web-2:22: green)");
    }

    @Test
    void shouldRefuseAHostThatCannotBeRead() {
        var down = HostView.unreachable(new Host("web-2", 22), "web", "web-2:22: connection refused\nmore");

        assertThatThrownBy(() -> RollbackPlan.choose(fleet(v1ThenV2("web-1"), down), null, "shop/app"))
                .hasMessage("rollback refused: a rollback needs every host and web-2:22 cannot be read (web-2:22:"
                        + " connection refused); see docs/rollback.md, 'A host is down'; traffic was not touched");
    }

    @Test
    void shouldRefuseTheReleaseAlreadyLive() {
        assertThatThrownBy(() -> RollbackPlan.choose(fleet(v1ThenV2("web-1")), "v2", "shop/app"))
                .hasMessageContaining("v2 is already live on every host");
    }

    @Test
    void shouldTrustAReleaseOnTheSchemaOfItsSuccessorsExpandStepButNotOnTheContractAfter() {
        var history = new ArrayList<>(List.of(
                entry(Action.DEPLOY, "v41", Color.BLUE, null, "s41"),
                entry(Action.DEPLOY, "v42", Color.GREEN, "s41", "s42")));
        assertThat(SchemaHistory.needed(history, "v41")).isEmpty();

        history.add(migrate("v43", "s42", "s43", 3));
        history.add(entry(Action.DEPLOY, "v43", Color.BLUE, "s42", "s43"));
        assertThat(SchemaHistory.needed(history, "v42")).as("v42 served during v43's migration").isEmpty();
        assertThat(SchemaHistory.needed(history, "v41")).contains(new SchemaChange("s43", "s42", 3));
    }

    @Test
    void shouldNeedNothingWhenSchemasAreNotTracked() {
        var history = List.of(entry(Action.DEPLOY, "v1", Color.BLUE, null, null),
                entry(Action.DEPLOY, "v2", Color.GREEN, null, null));

        assertThat(SchemaHistory.needed(history, "v1")).isEmpty();
    }

    @Test
    void shouldRefuseToCountStepsTheHistoryDoesNotRecord() {
        var history = List.of(entry(Action.DEPLOY, "v1", Color.BLUE, null, "s1"),
                entry(Action.DEPLOY, "v2", Color.GREEN, "s1", "s2"),
                migrate("v2", "s2b", "s3", 1));

        assertThatThrownBy(() -> SchemaHistory.needed(history, "v1"))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessage("rollback refused: v1 last served on schema s2 and the schema is now s3, but the history"
                        + " does not record how schema s2 became s2b, so the steps from s3 back to s2 cannot be"
                        + " counted; roll the schema back by hand; traffic was not touched");
    }

    @Test
    void shouldRefuseToGuessTheStepsOfAMigrationWithoutItsCount() {
        var history = List.of(entry(Action.DEPLOY, "v1", Color.BLUE, null, "s1"),
                migrate("v2", "s1", "s2", null),
                entry(Action.DEPLOY, "v2", Color.GREEN, "s1", "s2"),
                migrate("v2", "s2", "s3", null));

        assertThatThrownBy(() -> SchemaHistory.needed(history, "v1"))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("the history does not say how many migrations took schema s2 to s3 (v2)");
    }
}
