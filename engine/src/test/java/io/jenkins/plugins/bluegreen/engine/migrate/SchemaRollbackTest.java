package io.jenkins.plugins.bluegreen.engine.migrate;

import static io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry.Action.DEPLOY;
import static io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry.Action.MIGRATE;
import static io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry.Action.ROLLBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.Release;

import java.util.List;

import org.junit.jupiter.api.Test;

class SchemaRollbackTest {
    private static HistoryEntry entry(final HistoryEntry.Action action, final String version, final Integer migrations) {
        return new HistoryEntry(action, new Release(version, Color.GREEN, null, null, null), null, null, null,
                migrations, null);
    }

    @Test
    void shouldAddUpTheMigrationsOfTheReleasesLatestRun() {
        var history = List.of(entry(MIGRATE, "v2", 4), entry(DEPLOY, "v2", null),
                entry(MIGRATE, "v3", 2), entry(MIGRATE, "v3", 1), entry(DEPLOY, "v3", null));
        assertThat(SchemaRollback.stepsToUndo(history, "v3")).isEqualTo(3);
    }

    @Test
    void shouldNotCountARunThatWasAlreadyRolledBack() {
        var history = List.of(entry(MIGRATE, "v3", 2), entry(DEPLOY, "v3", null), entry(ROLLBACK, "v2", null),
                entry(MIGRATE, "v3", 0), entry(DEPLOY, "v3", null));
        assertThat(SchemaRollback.stepsToUndo(history, "v3")).isZero();
        assertThat(SchemaRollback.stepsToUndo(history, "v9")).isZero();
    }

    @Test
    void shouldAskForStepsWhenTheHistoryDoesNotKnow() {
        assertThatThrownBy(() -> SchemaRollback.stepsToUndo(List.of(entry(MIGRATE, "v3", null)), "v3"))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("the history does not say how many migrations v3 applied (schema null -> null);"
                        + " give the number of steps to roll back explicitly");
    }
}
