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
    private static HistoryEntry entry(final HistoryEntry.Action action, final String version, final String before,
                                      final String after, final Integer migrations) {
        return new HistoryEntry(action, new Release(version, Color.GREEN, null, null, null), before, after, null,
                migrations, null);
    }

    @Test
    void shouldAddUpTheMigrationsOfTheReleasesLatestRun() {
        var history = List.of(entry(MIGRATE, "v2", "s1", "s2", 4), entry(DEPLOY, "v2", "s1", "s2", null),
                entry(MIGRATE, "v3", "s2", "s3a", 2), entry(MIGRATE, "v3", "s3a", "s3", 1),
                entry(DEPLOY, "v3", "s2", "s3", null));
        assertThat(SchemaRollback.stepsToUndo(history, "v3")).isEqualTo(3);
    }

    @Test
    void shouldNotCountARunThatWasAlreadyRolledBack() {
        var history = List.of(entry(MIGRATE, "v3", "s2", "s3", 2), entry(DEPLOY, "v3", null, null, null),
                entry(ROLLBACK, "v2", "s3", "s2", null), entry(MIGRATE, "v3", "s2", "s2", 0),
                entry(DEPLOY, "v3", null, null, null));
        assertThat(SchemaRollback.stepsToUndo(history, "v3")).isZero();
        assertThat(SchemaRollback.stepsToUndo(history, "v9")).isZero();
    }

    @Test
    void shouldAskForStepsWhenTheHistoryDoesNotKnowTheCount() {
        assertThatThrownBy(() -> SchemaRollback.stepsToUndo(List.of(entry(MIGRATE, "v3", "s2", "s3", null)), "v3"))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("the history does not say how many migrations took schema s2 to s3 (v3), so the steps"
                        + " from s3 back to s2 cannot be counted; give the number of steps to roll back explicitly");
    }

    @Test
    void shouldAskForStepsWhenTheHistoryDoesNotTrackSchemas() {
        assertThatThrownBy(() -> SchemaRollback.stepsToUndo(List.of(entry(MIGRATE, "v3", null, null, 2)), "v3"))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("the history does not record the schema the migrations of v3 left;"
                        + " give the number of steps to roll back explicitly");
    }
}
