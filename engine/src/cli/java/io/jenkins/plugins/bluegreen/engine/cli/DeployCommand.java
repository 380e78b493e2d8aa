package io.jenkins.plugins.bluegreen.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.deploy.BlueGreenDeploy;
import io.jenkins.plugins.bluegreen.engine.deploy.Candidate;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployAbortedException;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployPlan;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployResult;
import io.jenkins.plugins.bluegreen.engine.deploy.WindowGuard;
import io.jenkins.plugins.bluegreen.engine.window.HotfixOverride;

import java.io.File;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bluegreen deploy --version V}: a whole blue-green deploy from a terminal or a CI job.
 * The deployment window is checked first, before any host is touched, and again right before the
 * switch. Progress events go to stderr line by line; the result is one JSON object on stdout.
 * Exit 0 live, 1 failed (the message says where traffic is), 2 bad input, 3 held by the window.
 */
@CommandLine.Command(name = "deploy",
        description = {"Boot a release on the idle color of every host, gate it, switch traffic, watch it.",
                "Only inside the deployment window (x-bluegreen.windows), unless --hotfix.",
                "Exit 0 when live, 1 when it failed or was rolled back, 2 on bad input, 3 when held by the"
                        + " deployment window (the decision as JSON on stdout)."})
public final class DeployCommand implements Callable<Integer> {
    static final int LIVE = Exits.DONE;
    static final int HELD = 3;
    private static final long SMOKE_TEST_MINUTES = 10;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = "--version", required = true, paramLabel = "TAG", description = "the release: the image tag")
    private String version;

    @Mixin
    private ConfigSource source;

    @Option(names = "--smoke-test", paramLabel = "CMD",
            description = "shell command run against the new color before the switch; it gets $BLUEGREEN_URLS"
                    + " (one base URL per host), $BLUEGREEN_VERSION and $BLUEGREEN_COLOR; non-zero aborts")
    private String smokeTest;

    @Mixin
    private Recorded record;

    @Option(names = "--hotfix", description = "a hotfix: may deploy while the deployment window is closed;"
            + " needs --reason (and --by); recorded as such in the history")
    private boolean hotfix;

    @Option(names = "--force-unlock", description = "clear a stale deploy lock first (only once its holder is gone)")
    private boolean forceUnlock;

    @Mixin
    private HostAccess access;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        return Exits.of(err, "", () -> {
            if (hotfix && (record.reason() == null || record.reason().isBlank())) {
                throw new InvalidInputException("--reason: expected why this hotfix cannot wait, got nothing");
            }
            var loaded = source.load(err);
            var destination = source.destination().orElse(null);
            var window = WindowGuard.of(loaded.config(), destination,
                    hotfix ? Optional.of(new HotfixOverride(record.by(), record.reason())) : Optional.empty());
            var decision = window.decide();
            err.println(decision.summary());
            if (!decision.open()) {
                out.println(WindowJson.render(decision, destination));
                return HELD;
            }
            var connector = access.connector(loaded.config().ssh(), loaded.secretMask(), e -> err.println(e.line()));
            var plan = new DeployPlan(version, record.by(), hotfix ? "hotfix: " + record.reason() : record.reason(),
                    false, forceUnlock, smokeTest == null ? null : this::smokeTest, window);
            var deploy = new BlueGreenDeploy(loaded, connector, e -> err.println(e.line()));
            try {
                report(out, err, deploy.run(plan));
                return LIVE;
            }
            catch (DeployAbortedException e) {
                // The table and the JSON say where every host was left; the message follows them.
                report(out, err, e.result());
                throw e;
            }
        });
    }

    /** Runs the smoke test here, where the deploy runs, against the new color's URLs. */
    private void smokeTest(final Candidate candidate) throws Exception {
        // Its output joins the events on stderr: stdout carries the result alone.
        var process = new ProcessBuilder("/bin/sh", "-c", smokeTest).inheritIO()
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("/dev/stderr")));
        process.environment().put("BLUEGREEN_URLS",
                candidate.urls().values().stream().map(URI::toString).collect(Collectors.joining(" ")));
        process.environment().put("BLUEGREEN_VERSION", candidate.version());
        process.environment().put("BLUEGREEN_COLOR", candidate.color().label());
        var running = process.start();
        if (!running.waitFor(SMOKE_TEST_MINUTES, TimeUnit.MINUTES)) {
            running.destroyForcibly();
            throw new DeployFailedException("--smoke-test did not finish within " + SMOKE_TEST_MINUTES + " minutes");
        }
        if (running.exitValue() != 0) {
            throw new DeployFailedException("--smoke-test exited with " + running.exitValue());
        }
    }

    private static void report(final PrintWriter out, final PrintWriter err, final DeployResult result) {
        err.println(result.table());
        err.println("timeline: " + result.timeline());
        if (result.watch() != null) {
            err.println("watch: " + result.watch().verdict().name().toLowerCase(Locale.ROOT) + ": " + result.watch().summary());
        }
        out.println(json(result));
    }

    static String json(final DeployResult result) {
        var mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        o.put("version", result.version());
        o.put("previousVersion", result.previousVersion());
        o.put("color", result.color().label());
        if (result.failure() != null) {
            o.put("failure", result.failure());
        }
        var hosts = o.putArray("hosts");
        result.hosts().forEach(h -> hosts.addObject().put("host", h.host()).put("liveVersion", h.liveVersion())
                .put("liveColor", h.liveColor() == null ? null : h.liveColor().label()).put("note", h.note()));
        var phases = o.putObject("phasesMillis");
        result.phases().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> phases.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue().toMillis()));
        if (result.switchSkew() != null) {
            o.put("switchSkewMillis", result.switchSkew().spread().toMillis());
        }
        if (result.watch() != null) {
            // Every interval's figures, so a script or a dashboard can draw what the watch saw.
            o.set("watch", mapper.valueToTree(result.watch()));
        }
        return o.toString();
    }
}
