package io.jenkins.plugins.bluegreen.engine.ledger;

import static io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry.Action.DEPLOY;
import static io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry.Action.MIGRATE;
import static io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry.Action.ROLLBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;

import java.util.List;

import org.junit.jupiter.api.Test;

class SchemaStepsTest {
    private static HistoryEntry entry(final HistoryEntry.Action action, final String version, final String before,
                                      final String after, final Integer migrations) {
        return new HistoryEntry(action, new Release(version, Color.BLUE, null, null, null), before, after, null,
                migrations, null);
    }

    @Test
    void shouldCountTheRecordedMigrationsNotTheEntries() {
        var history = List.of(entry(MIGRATE, "v2", "s1", "s2", 3), entry(DEPLOY, "v2", "s1", "s2", null),
                entry(MIGRATE, "v3", "s2", "s3", 2), entry(MIGRATE, "v3", "s3", "s3", 0),
                entry(DEPLOY, "v3", "s2", "s3", null));

        assertThat(SchemaSteps.between(history, "s3", "s2")).isEqualTo(2);
        assertThat(SchemaSteps.between(history, "s3", "s1")).isEqualTo(5);
        assertThat(SchemaSteps.between(history, "s3", "s3")).isZero();
    }

    @Test
    void shouldCountBackToTheEmptyDatabase() {
        var history = List.of(entry(MIGRATE, "v1", null, "s1", 2), entry(MIGRATE, "v2", "s1", "s2", 1));

        assertThat(SchemaSteps.between(history, "s2", null)).isEqualTo(3);
    }

    @Test
    void shouldFollowTheRunThatProducedTheSchemaAfterARollback() {
        var history = List.of(entry(MIGRATE, "v3", "s2", "s3", 4), entry(ROLLBACK, "v2", "s3", "s2", null),
                entry(MIGRATE, "v3", "s2", "s3", 1));

        assertThat(SchemaSteps.between(history, "s3", "s2")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAChangeWithoutItsCount() {
        var history = List.of(entry(MIGRATE, "v2", "s1", "s2", null));

        assertThatThrownBy(() -> SchemaSteps.between(history, "s2", "s1"))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("the history does not say how many migrations took schema s1 to s2 (v2),"
                        + " so the steps from s2 back to s1 cannot be counted");
    }

    @Test
    void shouldRefuseASchemaChangeOnlyADeployRecorded() {
        var history = List.of(entry(DEPLOY, "v1", null, "s1", null), entry(DEPLOY, "v2", "s1", "s2", null));

        assertThatThrownBy(() -> SchemaSteps.between(history, "s2", "s1"))
                .hasMessage("the history records that v2 moved schema s1 to s2 but no migration run with its count,"
                        + " so the steps from s2 back to s1 cannot be counted");
    }

    @Test
    void shouldRefuseAGapInTheHistory() {
        var history = List.of(entry(MIGRATE, "v2", "s1", "s2", 1), entry(MIGRATE, "v3", "s4", "s5", 1));

        assertThatThrownBy(() -> SchemaSteps.between(history, "s5", "s1"))
                .hasMessage("the history does not record how schema s1 became s4,"
                        + " so the steps from s5 back to s1 cannot be counted");
    }
}
