package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;


class MigrateCommandTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(1);

    @TempDir
    static Path dir;

    private static Path key;
    private static Path knownHosts;

    @BeforeAll
    static void writeKeyAndKnownHosts() throws IOException {
        key = Files.write(dir.resolve("id_ed25519"), BED.key(TestBed.KeyType.ED25519).privateKey());
        knownHosts = Files.writeString(dir.resolve("known_hosts"), BED.knownHosts());
    }



    private static Path config(final String name, final String migrations) throws IOException {
        var app = Files.createDirectories(dir.resolve(name));
        return Files.writeString(app.resolve("deploy.yml"), "service: shop\nimage: shop/app\nservers: [\"" + BED.host(0)
                + "\"]\nx-bluegreen:\n  run_directory: " + app.resolve("run") + "\n  migrations:\n" + migrations);
    }

    @Test
    void shouldMigrateOnThePrimaryHostAndSayWhatChanged() throws IOException {
        var app = dir.resolve("ok");
        var file = config("ok", "    in_container: false\n    lint: \"off\"\n"
                + "    command: echo 3 > " + app.resolve("version") + "; echo migrated\n"
                + "    status_command: cat " + app.resolve("version") + " 2>/dev/null; true\n");

        var run = CliRun.of("migrate", "--version", "v2", "-f", file.toString(), "-i", key.toString(),
                "--known-hosts", knownHosts.toString(), "--by", "alice");

        assertThat(run.err()).contains("[migrate] " + BED.host(0) + ": migrated");
        assertThat(run.out()).isEqualTo("migrated shop to v2: schema (none) -> 3, number of migrations applied unknown\n");
        assertThat(run.exit()).isZero();
        assertThat(Files.readString(app.resolve("run/shop-history.jsonl")))
                .contains("\"action\":\"migrate\"", "\"version\":\"v2\"", "\"by\":\"alice\"", "\"schema_after\":\"3\"");
    }

    @Test
    void shouldExitOneWithTheFailureWhenTheMigrationFails() throws IOException {
        var file = config("failing", "    in_container: false\n    lint: \"off\"\n"
                + "    command: echo 'PG::UndefinedTable' >&2; exit 1\n    status_command: echo 1\n");

        var run = CliRun.of("migrate", "--version", "v2", "-f", file.toString(), "-i", key.toString(),
                "--known-hosts", knownHosts.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("migrate: " + BED.host(0) + ": migrations of v2 failed", "  PG::UndefinedTable")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldExitTwoOnABadConfigWithoutAStackTrace() throws IOException {
        var file = config("bad", "    backup: {required: true}\n");

        var run = CliRun.of("migrate", "--version", "v2", "-f", file.toString(), "-i", key.toString(),
                "--known-hosts", knownHosts.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("backup/command: expected a backup command because backup/required is true")
                .doesNotContain("\tat ");
    }
}
