package io.jenkins.plugins.bluegreen.engine.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.Migrations;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import io.jenkins.plugins.bluegreen.engine.container.ContainerSpec;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MigrationCommandsTest {
    private static final ContainerCommands DOCKER = new ContainerCommands(ContainerRuntime.DOCKER, ".bluegreen");
    private static final ContainerSpec SPEC = new ContainerSpec(Service.of("a2d2"), "web", Color.GREEN,
            "registry.example/a2d2:v2", "v2", Map.of("RAILS_ENV", "production"), List.of("DATABASE_URL"),
            List.of("/data:/rails/storage"), List.of(), Map.of(), List.of(), 3002, 3000, false);
    private static final Instant AT = Instant.parse("2026-11-24T10:15:30Z");

    static Migrations settings(final boolean inContainer, final String backup) {
        return new Migrations(Migrations.DEFAULT_COMMAND, Migrations.DEFAULT_STATUS_COMMAND,
                Migrations.DEFAULT_ROLLBACK_COMMAND, inContainer, new Migrations.Backup(Optional.ofNullable(backup), false),
                Optional.of(new Migrations.ReplicaWait("bin/replica-caught-up", Duration.ofSeconds(5), Duration.ofMinutes(5))),
                new Migrations.Lint(Migrations.LintMode.WARN, List.of("db/migrate")));
    }

    @Test
    void shouldRunEveryScriptInAOneOffContainerOfTheNewImage() {
        var c = new MigrationCommands(settings(true, null), DOCKER, SPEC);
        var prefix = "docker run --rm --name a2d2-migrate --env RAILS_ENV=production"
                + " --env-file .bluegreen/env/a2d2-web-green.env --volume /data:/rails/storage registry.example/a2d2:v2 sh -c ";
        assertThat(c.migrate().render()).isEqualTo(prefix + "'bin/rails db:migrate'");
        assertThat(c.status().render()).isEqualTo(prefix
                + "'bin/rails runner '\\''puts ActiveRecord::Migrator.current_version'\\'''");
        assertThat(c.rollback(3).render()).isEqualTo(prefix + "'bin/rails db:rollback STEP=3'");
        assertThat(c.replicaCheck().render()).isEqualTo(prefix + "bin/replica-caught-up");
    }

    @Test
    void shouldRunScriptsOnTheHostWhenNotInAContainer() {
        var c = new MigrationCommands(settings(false, null), DOCKER, null);
        assertThat(c.migrate().render()).isEqualTo("sh -c 'bin/rails db:migrate'");
        assertThat(c.rollback(1).render()).isEqualTo("sh -c 'bin/rails db:rollback STEP=1'");
    }

    @Test
    void shouldFillBackupPlaceholdersWithQuotedValues() {
        var c = new MigrationCommands(settings(false, "pg_dump app > /backups/{service}-{version}-{timestamp}.sql"),
                DOCKER, null);
        assertThat(c.backupScript("a2d2-staging", "v2", AT))
                .isEqualTo("pg_dump app > /backups/a2d2-staging-v2-20261124T101530Z.sql");
        assertThat(c.backupScript("a2d2", "v2; rm -rf /", AT))
                .isEqualTo("pg_dump app > /backups/a2d2-'v2; rm -rf /'-20261124T101530Z.sql");
        assertThat(c.backup("a2d2", "v2", AT).render())
                .isEqualTo("sh -c 'pg_dump app > /backups/a2d2-v2-20261124T101530Z.sql'");
    }

    @Test
    void shouldRefuseAPlaceholderTheScriptDoesNotOffer() {
        var c = new MigrationCommands(settings(false, "pg_dump > /backups/{steps}.sql"), DOCKER, null);
        assertThatThrownBy(() -> c.backupScript("a2d2", "v2", AT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("migrations.backup.command: {steps} has no value here; expected only {service}, {timestamp},"
                        + " {version}");
        assertThatThrownBy(() -> c.rollback(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("steps: expected at least 1 migration to roll back, got 0");
    }
}
