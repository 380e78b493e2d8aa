package io.jenkins.plugins.bluegreen.steps;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.api.DeployEngine;
import io.jenkins.plugins.bluegreen.engine.api.DeployEnvironment;
import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.api.DeployRequest;
import io.jenkins.plugins.bluegreen.engine.api.GateOutcome;
import io.jenkins.plugins.bluegreen.engine.api.HealthGateRequest;
import io.jenkins.plugins.bluegreen.engine.api.MigrationOutcome;
import io.jenkins.plugins.bluegreen.engine.api.MigrationRequest;
import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import io.jenkins.plugins.bluegreen.engine.api.SshAccess;
import io.jenkins.plugins.bluegreen.engine.api.StagedRelease;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployAbortedException;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployResult;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * A deploy engine that touches no host, for testing what the glue does around the engine: which
 * calls it makes in which order, what it prints, what it returns. Found by ServiceLoader before the
 * real engine (test classes come first); the health gate goes to the real engine, so healthGate
 * tests poll for real.
 */
public final class ScriptedEngine implements DeployEngine {
    /** Every call made, as "stage v2", "promote v2", "abandon v2: why". */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** Text the next stage reports in an event, to prove the build log masks secrets. */
    static volatile String stageSays = "booted";
    /** When set, a stage lasts until it is counted down or its thread is interrupted, so a test can act meanwhile. */
    static volatile CountDownLatch stageLastsUntil;
    /** The variables the (imagined) config refers to; a stage reports what it was handed for each. */
    static volatile Set<String> configRefersTo = Set.of();
    /** What the watch after the next promote saw, or {@code null} when nothing is watched. */
    static volatile WatchReport watch;
    /** When set, the next promote fails that watch and traffic goes back, as the real engine reports it. */
    static volatile boolean watchSwitchesBack;

    static void reset() {
        CALLS.clear();
        stageSays = "booted";
        stageLastsUntil = null;
        configRefersTo = Set.of();
        watch = null;
        watchSwitchesBack = false;
    }

    @Override
    public Set<String> environmentNames(final String configFile, final String destination, final Path workspace) {
        return configRefersTo;
    }

    @Override
    public StagedRelease stage(final DeployRequest request, final SshAccess ssh, final Path workspace,
                               final DeployEnvironment environment, final EventSink events) {
        CALLS.add("stage " + request.version());
        var lastsUntil = stageLastsUntil;
        if (lastsUntil != null) {
            try {
                lastsUntil.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployFailedException("stage of " + request.version() + " interrupted");
            }
        }
        events.accept(new Event(Instant.now(), Phase.BOOT, Event.Level.INFO, "web-1.internal", stageSays));
        if (!configRefersTo.isEmpty()) {
            events.accept(new Event(Instant.now(), Phase.BOOT, Event.Level.INFO, "web-1.internal", "handed "
                    + new TreeSet<>(configRefersTo).stream().map(name -> name + "=" + environment.get(name))
                            .collect(Collectors.joining(" "))));
        }
        return new StagedRelease(request, "green", "v1", List.of("web-1.internal"), Map.of(Phase.BOOT, Duration.ofMillis(5)));
    }

    @Override
    public DeployOutcome promote(final StagedRelease staged, final SshAccess ssh, final Path workspace,
                                 final DeployEnvironment environment, final EventSink events) {
        CALLS.add("promote " + staged.request().version());
        var version = staged.request().version();
        var watched = watch;
        if (watched != null && watchSwitchesBack) {
            throw new DeployAbortedException(version + " " + DeployAbortedException.ROLLED_BACK_AUTOMATICALLY + ": "
                    + watched.summary() + "; traffic is back on blue (" + staged.liveVersion() + ") everywhere",
                    new DeployResult(DeployResult.Outcome.ROLLED_BACK, version, staged.liveVersion(),
                            Color.parse(staged.idleColor(), "idle color"), List.of(), Map.of(Phase.SWITCH, Duration.ofMillis(7)),
                            null, List.of(), watched.summary(), watched));
        }
        return new DeployOutcome(version, staged.liveVersion(), staged.idleColor(), staged.hosts(),
                Map.of(Phase.SWITCH, Duration.ofMillis(7)), Duration.ofMillis(1), watched);
    }

    @Override
    public DeployOutcome abandon(final StagedRelease staged, final String why, final SshAccess ssh, final Path workspace,
                                 final DeployEnvironment environment, final EventSink events) {
        CALLS.add("abandon " + staged.request().version() + ": " + why);
        return new DeployOutcome(staged.liveVersion(), null, "blue", staged.hosts(), Map.of(), null);
    }

    @Override
    public MigrationOutcome migrate(final MigrationRequest request, final SshAccess ssh, final Path workspace,
                                    final DeployEnvironment environment, final EventSink events) {
        CALLS.add("migrate " + request.version());
        return new MigrationOutcome(request.version(), "1", "2", 1, Duration.ofMillis(3));
    }

    @Override
    public DeployOutcome rollback(final RollbackRequest request, final SshAccess ssh, final Path workspace,
                                  final DeployEnvironment environment, final EventSink events) {
        CALLS.add("rollback " + request.toVersion());
        throw new DeployFailedException("no release " + request.toVersion() + " in the history of web-1.internal; traffic stays on v2");
    }

    @Override
    public GateOutcome healthGate(final HealthGateRequest request, final EventSink events) {
        return ServiceLoader.load(DeployEngine.class, DeployEngine.class.getClassLoader()).stream()
                .filter(p -> p.type() != ScriptedEngine.class).findFirst()
                .orElseThrow(() -> new DeployFailedException("no real deploy engine on the test classpath"))
                .get().healthGate(request, events);
    }
}
