package io.jenkins.plugins.bluegreen.engine.deploy;

import static io.jenkins.plugins.bluegreen.engine.api.DeployEnvironment.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.api.DeployEngine;
import io.jenkins.plugins.bluegreen.engine.api.DeployEnvironment;
import io.jenkins.plugins.bluegreen.engine.api.DeployRequest;
import io.jenkins.plugins.bluegreen.engine.api.GateSettings;
import io.jenkins.plugins.bluegreen.engine.api.MigrationRequest;
import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import io.jenkins.plugins.bluegreen.engine.api.SshAccess;
import io.jenkins.plugins.bluegreen.engine.cli.BlueGreenCli;
import io.jenkins.plugins.bluegreen.engine.cli.CliRun;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.testbed.FreePorts;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The front doors on one host wired purely by its config ({@code x-bluegreen.ports} and
 * {@code traffic}), as on a real machine: the engine the Jenkins steps load, and the CLI.
 */
class SingleHostDeployTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(1).withPodman();

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    @TempDir
    Path workspace;

    private String service;
    private NginxServer server;

    @BeforeAll
    static void images() {
        DeployScenario.loadImages(BED, TestImages.V1, TestImages.V2);
    }

    @AfterEach
    void removeContainers() {
        if (service != null) {
            onHost("podman ps -aq --filter label=bluegreen.service=" + service + " | xargs -r podman rm -f -t 0");
        }
    }

    /** Writes config/deploy.yml for a new service whose host nginx and ports this test owns. */
    private void config() throws IOException {
        config("");
    }

    /** The same, with {@code extra} lines inside {@code x-bluegreen} (indented by two spaces). */
    private void config(final String extra) throws IOException {
        service = "bg" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        int blue = FreePorts.forContainer();
        server = DeployScenario.nginxOnEveryHost(BED, nginx, service, blue).get(0);
        var file = workspace.resolve("config/deploy.yml");
        Files.createDirectories(file.getParent());
        var lines = new ArrayList<>(List.of(
                "service: " + service,
                "image: localhost/bgtest-app",
                "servers:",
                "  - " + BED.host(0),
                "x-bluegreen:",
                "  runtime: podman"));
        lines.addAll(DeployScenario.wiredByConfig("  ", blue, FreePorts.forContainer(), server));
        lines.addAll(List.of(
                "  gate:",
                "    paths: [/health/ready]",
                "    interval: 200ms",
                extra));
        Files.writeString(file, String.join("\n", lines));
    }

    @Test
    void shouldStagePromoteAndAbandonThroughTheEngineTheStepsLoad() throws IOException {
        config();
        var engine = DeployEngine.load();
        assertThat(engine).isInstanceOf(BlueGreenEngine.class);
        var ssh = ssh();
        var events = new ArrayList<Event>();

        var first = engine.deploy(new DeployRequest(null, null, "v1", "alice", false, null, null), ssh, workspace, NONE,
                events::add);
        assertThat(first.version()).isEqualTo("v1");
        assertThat(first.color()).isEqualTo("blue");

        var staged = engine.stage(new DeployRequest(null, null, "v2", "bob", false, null, null), ssh, workspace, NONE,
                events::add);
        assertThat(staged.idleColor()).isEqualTo("green");
        assertThat(staged.liveVersion()).isEqualTo("v1");
        assertThat(DeployScenario.get(server.url())).as("traffic stays on v1 while staged").isEqualTo("200 bgtest-app v1");

        var abandoned = engine.abandon(staged, "smoke tests failed", ssh, workspace, NONE, events::add);
        assertThat(abandoned.version()).isEqualTo("v1");
        assertThat(DeployScenario.get(server.url())).isEqualTo("200 bgtest-app v1");

        var restaged = engine.stage(new DeployRequest(null, null, "v2", "bob", false, null, null), ssh, workspace, NONE,
                events::add);
        var promoted = engine.promote(restaged, ssh, workspace, NONE, events::add);
        assertThat(promoted.version()).isEqualTo("v2");
        assertThat(promoted.previousVersion()).isEqualTo("v1");
        assertThat(DeployScenario.get(server.url())).isEqualTo("200 bgtest-app v2");
    }

    /**
     * What {@code withCredentials} binds reaches the container through the environment the step hands
     * over (only the names the config refers to), and no event shows it: the calls EngineTask makes.
     */
    @Test
    void shouldGiveTheContainerTheSecretTheStepHandsOverAndNeverPrintIt() throws IOException {
        config();
        Files.writeString(workspace.resolve("config/deploy.yml"), "env:\n  secret: [BG_APP_SECRET]\n",
                StandardOpenOption.APPEND);
        var secret = "s3cret-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        var engine = DeployEngine.load();
        var handed = DeployEnvironment.of(Map.of("BG_APP_SECRET", secret, "UNRELATED_TOKEN", "not-for-the-hosts"),
                Set.of("BG_APP_SECRET", "UNRELATED_TOKEN"), engine.environmentNames("config/deploy.yml", null, workspace),
                System.getenv());
        var events = new ArrayList<Event>();

        var outcome = engine.deploy(new DeployRequest(null, null, "v1", "alice", false, null, null), ssh(), workspace,
                handed, events::add);

        assertThat(onHost("podman inspect --format '{{range .Config.Env}}{{println .}}{{end}}' " + service + "-web-"
                + outcome.color())).contains("BG_APP_SECRET=" + secret).doesNotContain("UNRELATED_TOKEN");
        assertThat(events).isNotEmpty().noneMatch(e -> e.message().contains(secret));
    }

    @Test
    void shouldDeployFromTheCommandLineWithEventsOnStderrAndTheResultAsJson() throws IOException {
        config("  windows: unrestricted\n");
        var key = Files.write(workspace.resolve("id_ed25519"), BED.key(TestBed.KeyType.ED25519).privateKey());
        var knownHosts = Files.writeString(workspace.resolve("known_hosts"), BED.knownHosts());
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = new CommandLine(new BlueGreenCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        int exit = cli.execute("deploy", "--version", "v1", "--file", workspace.resolve("config/deploy.yml").toString(),
                "--by", "carol", "--smoke-test", "for u in $BLUEGREEN_URLS; do curl -fsS \"$u\" | grep -q v1 || exit 1; done",
                "-i", key.toString(), "--known-hosts", knownHosts.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).startsWith("deployment window open").contains("[switch]", "[gate]",
                "pre-switch hook passed");
        assertThat(out.toString().strip()).startsWith("{\"outcome\":\"live\",\"version\":\"v1\"")
                .contains("\"color\":\"blue\"");
        assertThat(DeployScenario.get(server.url())).isEqualTo("200 bgtest-app v1");

        var failing = new CommandLine(new BlueGreenCli()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("deploy", "--version", "v2", "--file",
                        workspace.resolve("config/deploy.yml").toString(), "--smoke-test", "exit 7",
                        "-i", key.toString(), "--known-hosts", knownHosts.toString());
        assertThat(failing).isEqualTo(1);
        assertThat(err.toString()).contains("--smoke-test exited with 7", "traffic stays on blue (v1)");
        assertThat(DeployScenario.get(server.url())).isEqualTo("200 bgtest-app v1");
    }

    @Test
    void shouldHoldADeployOutsideTheWindowBeforeTouchingAnyHost() throws IOException {
        config(freezeToday());

        var run = cli("deploy", "--version", "v1", "--by", "carol");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("deployment window held by test freeze").contains("; opens ")
                .doesNotContain("[lock]");
        assertThat(run.out()).contains("\"open\" : false", "\"rule\" : \"test freeze\"", "\"nextOpen\" : \"20");
        assertThat(onHost("podman ps -aq --filter label=bluegreen.service=" + service)).isEmpty();
    }

    @Test
    void shouldDeployAHotfixWhileTheWindowIsHeld() throws IOException {
        config(freezeToday());

        var run = cli("deploy", "--version", "v1", "--hotfix", "--reason", "INC-9 checkout down", "--by", "carol");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("deployment window open").contains("[switch]");
        assertThat(DeployScenario.get(server.url())).isEqualTo("200 bgtest-app v1");
    }

    /** A window that holds all of today (UTC), so it opens tomorrow. */
    private static String freezeToday() {
        var today = LocalDate.now(ZoneOffset.UTC).getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT)
                .toLowerCase(Locale.ROOT);
        return String.join("\n", "  windows:", "    deny:", "      - name: test freeze", "        days: [" + today + "]",
                "");
    }

    @Test
    void shouldGateAsTheStepSaysWhenItOverridesTheConfig() throws IOException {
        config();
        var engine = DeployEngine.load();
        var configured = new ArrayList<Event>();
        var overridden = new ArrayList<Event>();

        engine.deploy(new DeployRequest(null, null, "v1", "alice", false, null, null), ssh(), workspace, NONE,
                configured::add);
        engine.deploy(new DeployRequest(null, null, "v2", "alice", false, null,
                new GateSettings(Duration.ofSeconds(1), Duration.ofSeconds(60), 2)), ssh(), workspace, NONE, overridden::add);

        assertThat(configured).extracting(Event::message).anyMatch(m -> m.contains("to pass 1 time(s) in a row"));
        assertThat(overridden).extracting(Event::message).anyMatch(m -> m.contains("to pass 2 time(s) in a row"));
        assertThat(DeployScenario.get(server.url())).isEqualTo("200 bgtest-app v2");
    }

    @Test
    void shouldMigrateThroughTheEngineAndSayHowManyMigrationsRan() throws IOException {
        config(migrations());

        var first = DeployEngine.load().migrate(new MigrationRequest(null, null, "v1", "alice"), ssh(), workspace, NONE,
                e -> { });
        var second = DeployEngine.load().migrate(new MigrationRequest(null, null, "v2", "alice"), ssh(), workspace, NONE,
                e -> { });

        assertThat(first.schemaBefore()).isNull();
        assertThat(first.schemaAfter()).isEqualTo("1");
        assertThat(second.asMap()).containsEntry("version", "v2").containsEntry("schemaBefore", "1")
                .containsEntry("schemaAfter", "2").containsEntry("applied", 1);
    }

    @Test
    void shouldRollBackThroughTheEngineByBootingAReleaseThatIsNoLongerWarm() throws IOException {
        config();
        var engine = DeployEngine.load();
        engine.deploy(new DeployRequest(null, null, "v1", "alice", false, null, null), ssh(), workspace, NONE, e -> { });
        engine.deploy(new DeployRequest(null, null, "v2", "bob", false, null, null), ssh(), workspace, NONE, e -> { });
        onHost("podman rm -f -t 0 " + service + "-web-blue");
        var events = new ArrayList<Event>();

        var outcome = engine.rollback(new RollbackRequest(null, null, null, false, "dave", "INC-7"), ssh(), workspace, NONE,
                events::add);

        assertThat(outcome.version()).isEqualTo("v1");
        assertThat(outcome.previousVersion()).isEqualTo("v2");
        assertThat(events).extracting(Event::message).anyMatch(m -> m.contains("not warm: booting it first"));
        assertThat(DeployScenario.get(server.url())).isEqualTo("200 bgtest-app v1");
    }

    @Test
    void shouldRollTheSchemaBackWithTheConfiguredCommandFromTheCommandLine() throws IOException {
        config(migrations());
        var engine = DeployEngine.load();
        engine.migrate(new MigrationRequest(null, null, "v1", "alice"), ssh(), workspace, NONE, e -> { });
        engine.deploy(new DeployRequest(null, null, "v1", "alice", false, null, null), ssh(), workspace, NONE, e -> { });
        engine.migrate(new MigrationRequest(null, null, "v2", "bob"), ssh(), workspace, NONE, e -> { });
        engine.deploy(new DeployRequest(null, null, "v2", "bob", false, null, null), ssh(), workspace, NONE, e -> { });
        // A contract step migrated ahead of v3: v1 never served on schema 3.
        engine.migrate(new MigrationRequest(null, null, "v3", "bob"), ssh(), workspace, NONE, e -> { });

        var refused = cli("rollback", "--reason", "INC-8");
        var run = cli("rollback", "--schema", "--reason", "INC-8");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("v1 last served on schema 2 but the schema is now 3");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(workspace.resolve("rolled-back")).hasContent("1");
        assertThat(Files.readAllLines(workspace.resolve("schema"))).containsExactly("1", "2");
        assertThat(DeployScenario.get(server.url())).isEqualTo("200 bgtest-app v1");
    }

    /**
     * Migrations on the host: each run appends the next version to a file the status command lists,
     * and the rollback command drops the last {steps} lines and says how many it dropped.
     */
    private String migrations() throws IOException {
        var schema = workspace.resolve("schema");
        var migrate = Files.writeString(workspace.resolve("migrate.sh"),
                "n=$(cat " + schema + " 2>/dev/null | wc -l); echo $((n + 1)) >> " + schema + "\n");
        var rollback = Files.writeString(workspace.resolve("rollback.sh"), "echo -n \"$1\" > "
                + workspace.resolve("rolled-back") + "; head -n -\"$1\" " + schema + " > " + schema + ".new; mv "
                + schema + ".new " + schema + "\n");
        return String.join("\n",
                "  migrations:",
                "    in_container: false",
                "    lint: \"off\"",
                "    command: sh " + migrate,
                "    status_command: cat " + schema + " 2>/dev/null; true",
                "    rollback_command: sh " + rollback + " {steps}",
                "");
    }

    private SshAccess ssh() {
        return new SshAccess("deploy-key", "root",
                List.of(new String(BED.key(TestBed.KeyType.ED25519).privateKey(), StandardCharsets.UTF_8)), null,
                BED.knownHosts());
    }


    /** {@code bluegreen ARGS --file config/deploy.yml} with this test bed's key and known hosts. */
    private CliRun cli(final String... args) throws IOException {
        var key = Files.write(workspace.resolve("id_ed25519"), BED.key(TestBed.KeyType.ED25519).privateKey());
        var knownHosts = Files.writeString(workspace.resolve("known_hosts"), BED.knownHosts());
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--file", workspace.resolve("config/deploy.yml").toString(), "-i", key.toString(),
                "--known-hosts", knownHosts.toString()));
        return CliRun.of(all);
    }

    /** Runs {@code script} on the host, returning what it printed. */
    private static String onHost(final String script) {
        try (var c = BED.connector().connect(BED.host(0))) {
            return c.run(Command.of("sh", "-c", script), OutputListener.discard(), Duration.ofSeconds(30)).orThrow()
                    .stdout();
        }
    }
}
