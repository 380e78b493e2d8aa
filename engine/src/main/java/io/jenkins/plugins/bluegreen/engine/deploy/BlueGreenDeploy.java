package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.watch.ProbeSource;
import io.jenkins.plugins.bluegreen.engine.watch.TrafficSource;
import io.jenkins.plugins.bluegreen.engine.watch.WatchedRelease;
import io.jenkins.plugins.bluegreen.engine.config.DeployConfig;
import io.jenkins.plugins.bluegreen.engine.config.Gate;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import io.jenkins.plugins.bluegreen.engine.config.Role;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.RegistryLogin;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.health.GateResult;
import io.jenkins.plugins.bluegreen.engine.health.GateTarget;
import io.jenkins.plugins.bluegreen.engine.health.HealthGate;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.Ledger;
import io.jenkins.plugins.bluegreen.engine.ledger.LiveState;
import io.jenkins.plugins.bluegreen.engine.ledger.Release;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.Connector;
import io.jenkins.plugins.bluegreen.engine.remote.EachHost;
import io.jenkins.plugins.bluegreen.engine.remote.FanOut;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.remote.Tunnel;
import io.jenkins.plugins.bluegreen.engine.rollback.WorkerReturn;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.traffic.SwitchAll;
import io.jenkins.plugins.bluegreen.engine.traffic.SwitchSkew;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The blue-green deploy of one release to every host of a config: lock, read the ledger, boot the
 * idle color, gate it, let the caller's hook look at it, switch, watch, and go back by itself when
 * the watch fails. Until the switch, any failure stops the new color and leaves traffic alone;
 * the lock is released on every path. Roles without traffic (workers) boot with the release and
 * are judged by {@code readiness_delay}; their old color stops only once the new release has
 * passed the watch, so exactly one color of a worker runs whatever the outcome.
 *
 * <p>One instance runs one deploy at a time; {@link #cancel()} from another thread stops it and
 * leaves hosts the next deploy recovers from.
 */
public final class BlueGreenDeploy {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final int HISTORY_LINES = 50;
    private static final int LOG_LINES = 20;

    private final LoadedConfig loaded;
    private final DeployConfig config;
    private final Connector connector;
    private final EventSink events;
    private final SecretMask mask;
    private final ConfigWiring wiring;
    private final Gate gate;
    private final Service service;
    private final ContainerCommands containers;
    private final ReleaseSpecs specs;

    private volatile boolean cancelled;
    private volatile Thread runner;
    private volatile Connections current;
    private volatile Connections cleanup;
    private volatile FanOut boot;

    public BlueGreenDeploy(final LoadedConfig loaded, final Connector connector, final EventSink events) {
        this(loaded, connector, events, loaded.config().extension().gate());
    }

    /** @param gate how the new color is gated and watched: the config's {@code x-bluegreen.gate}, or a step's variant */
    public BlueGreenDeploy(final LoadedConfig loaded, final Connector connector, final EventSink events,
                           final Gate gate) {
        this.loaded = loaded;
        this.config = loaded.config();
        this.connector = connector;
        this.events = events;
        this.mask = loaded.secretMask();
        this.wiring = new ConfigWiring(loaded.config(), events);
        this.gate = gate;
        this.service = new Service(config.service(), config.destination().orElse(null));
        this.containers = new ContainerCommands(config.extension().runtime(), config.extension().runDirectory());
        this.specs = new ReleaseSpecs(loaded, service, wiring);
    }

    /**
     * Deploys {@code plan.version()}: {@link #stage} and {@link #promote} in one go.
     *
     * @return the result when the release is live
     * @throws DeployAbortedException when it is not (aborted before the switch, or rolled back after)
     * @throws io.jenkins.plugins.bluegreen.engine.lock.LockHeldException when another deploy holds a host
     */
    public DeployResult run(final DeployPlan plan) {
        // One set of connections for both steps: the promote need not log in to every host again.
        try (var shared = new Connections(connector)) {
            return promote(stage(plan, shared), plan.guard(), shared);
        }
    }

    /**
     * Locks every host, boots the release on the idle color, gates it and runs the pre-switch hook;
     * traffic stays where it is and the locks stay held for {@link #promote} or {@link #abandon}.
     *
     * @throws DeployAbortedException when it did not get that far (the new color is stopped, the locks released)
     */
    public StagedDeploy stage(final DeployPlan plan) {
        try (var connections = new Connections(connector)) {
            return stage(plan, connections);
        }
    }

    private StagedDeploy stage(final DeployPlan plan, final Connections connections) {
        var registry = RegistryLogin.of(loaded);
        var timeline = new Timeline(events, mask, Map.of());
        var stamp = new DeployStamp(Instant.now(), plan.requestedBy());
        var locks = new HostLocks(new DeployLock(config.extension().runDirectory()), service);
        return session(timeline, locks, true, connections, () -> {
            timeline.phase(Phase.LOCK, () -> locks.acquire(connections::get, config.allHosts(),
                    new LockHolder(stamp, plan.version(), plan.message()), plan.forceUnlock()));
            timeline.info(Phase.LOCK, null, "locked " + service + " on " + config.allHosts().size() + " host(s)");
            return new Run(plan, stamp, timeline, connections).pullingFrom(registry).stage();
        });
    }

    /**
     * Switches traffic to a staged release once {@code guard} agrees, watches it, switches back by
     * itself if the watch fails, and releases the locks.
     */
    public DeployResult promote(final StagedDeploy staged, final SwitchGuard guard) {
        try (var connections = new Connections(connector)) {
            return promote(staged, guard, connections);
        }
    }

    private DeployResult promote(final StagedDeploy staged, final SwitchGuard guard, final Connections connections) {
        var timeline = new Timeline(events, mask, staged.phases());
        var locks = HostLocks.held(new DeployLock(config.extension().runDirectory()), service, config.allHosts());
        return session(timeline, locks, false, connections, () ->
                new Run(staged.plan().withGuard(guard), staged.stamp(), timeline, connections).resume(staged).promote());
    }

    /** Stops a staged release without touching traffic, says why, and releases the locks. */
    public DeployResult abandon(final StagedDeploy staged, final String why) {
        var timeline = new Timeline(events, mask, staged.phases());
        var locks = HostLocks.held(new DeployLock(config.extension().runDirectory()), service, config.allHosts());
        try (var connections = new Connections(connector)) {
            return session(timeline, locks, false, connections, () ->
                    new Run(staged.plan(), staged.stamp(), timeline, connections).resume(staged).abandon(why));
        }
    }

    /**
     * Runs one step of a deploy on the caller's {@code connections} (which the caller closes), then
     * releases the locks unless the step succeeded and {@code keepOnSuccess} (a stage, whose promote
     * follows).
     */
    private <T> T session(final Timeline timeline, final HostLocks locks, final boolean keepOnSuccess,
                          final Connections connections, final Supplier<T> step) {
        runner = Thread.currentThread();
        cancelled = false;
        current = connections;
        boolean done = false;
        try {
            var result = step.get();
            done = true;
            return result;
        }
        finally {
            if (!done || !keepOnSuccess) {
                var kept = timeline.phase(Phase.RELEASE, () -> locks.release(() -> usableConnections()::get));
                kept.forEach((host, why) -> timeline.error(Phase.RELEASE, host.toString(), "the deploy lock is STILL"
                        + " HELD here (" + why + "); clear it with --force-unlock once this host is back"));
            }
            if (cleanup != null) {
                cleanup.close();
                cleanup = null;
            }
            runner = null;
        }
    }

    /**
     * Boots {@code version} again for a rollback that already holds the deploy lock on every host
     * ({@code rollback.Rollback} when the release is no longer warm): over the caller's own
     * connections, onto the idle color, gated and switched. Takes and releases no lock and writes
     * no history, which stay the caller's; neither a guard nor the watch applies to a rollback.
     *
     * @param held one open connection per host of the config; they stay open
     * @throws DeployAbortedException when it did not go live, saying where traffic is
     */
    public DeployResult redeploy(final String version, final String requestedBy, final List<Connection> held) {
        var registry = RegistryLogin.of(loaded);
        return underRollback(version, requestedBy, host -> BorrowedConnection.from(held, host), run -> {
            run.pullingFrom(registry).stage();
            return run.promote();
        });
    }

    /**
     * Moves the workers back for a warm rollback ({@code rollback.Rollback} when the release still
     * runs on the idle color): over the caller's {@code every} (which may reach hosts the rollback's
     * traffic hosts do not cover; they stay open), under its lock, with the readiness check and
     * drain of a deploy.
     */
    public WorkerReturn workerReturn(final String requestedBy, final Connections every) {
        Connector borrowed = host -> new BorrowedConnection(every.get(host));
        return new WorkerReturn() {
            @Override
            public Optional<String> obstacle(final String version, final Color color) {
                return underRollback(version, requestedBy, borrowed, run -> run.returningTo(color).workerObstacle());
            }

            @Override
            public void bringBack(final String version, final Color color) {
                underRollback(version, requestedBy, borrowed, run -> {
                    run.returningTo(color).bringWorkersBack();
                    return null;
                });
            }
        };
    }

    /** Runs {@code step} of a rollback that holds the locks and writes the history itself. */
    private <T> T underRollback(final String version, final String requestedBy, final Connector borrowed,
                                final Function<Run, T> step) {
        var plan = DeployPlan.of(version, requestedBy).asRollback();
        var timeline = new Timeline(events, mask, Map.of());
        var stamp = new DeployStamp(Instant.now(), requestedBy);
        runner = Thread.currentThread();
        cancelled = false;
        var connections = new Connections(borrowed);
        current = connections;
        try {
            return step.apply(new Run(plan, stamp, timeline, connections).underCallersLock());
        }
        finally {
            connections.close();
            if (cleanup != null) {
                cleanup.close();
                cleanup = null;
            }
            runner = null;
        }
    }

    /** Stops the running deploy from another thread: running commands end, cleanup follows on the deploy's thread. */
    public void cancel() {
        cancelled = true;
        // Interrupt first: once the deploy's thread sees its commands fail it starts cleaning up,
        // and an interrupt arriving after that would cut the cleanup short.
        var t = runner;
        if (t != null) {
            t.interrupt();
        }
        var fan = boot;
        if (fan != null) {
            fan.cancel();
        }
        var c = current;
        if (c != null) {
            c.close();
        }
    }

    /** The deploy's connections, or after a cancel (which closed them) fresh ones for the cleanup. */
    private synchronized Connections usableConnections() {
        if (!cancelled) {
            return current;
        }
        if (cleanup == null) {
            // Cleanup must reach the hosts; the interrupt that stopped the deploy must not stop it too.
            Thread.interrupted();
            cleanup = new Connections(connector);
        }
        return cleanup;
    }

    /** One deploy's state while it runs. */
    private final class Run {
        private final DeployPlan plan;
        private final DeployStamp stamp;
        private final Timeline timeline;
        private final Connections connections;
        private final Map<Host, LiveState> states = new LinkedHashMap<>();
        private final List<GateResult> gates = new ArrayList<>();
        private final List<Host> booted = new ArrayList<>();
        private Optional<Color> live = Optional.empty();
        private boolean callerHoldsLock;
        private Optional<RegistryLogin> registry = Optional.empty();
        private Color idle = Color.BLUE;
        private String previousVersion;
        /** How far apart the hosts began serving the new release; null until traffic moved. */
        private SwitchSkew skew;
        /** What the watch after the switch saw, once it ran. */
        private WatchReport watchReport;

        Run(final DeployPlan plan, final DeployStamp stamp, final Timeline timeline, final Connections connections) {
            this.plan = plan;
            this.stamp = stamp;
            this.timeline = timeline;
            this.connections = connections;
        }

        StagedDeploy stage() {
            try {
                timeline.phase(Phase.LEDGER, this::readLedger);
            }
            catch (RuntimeException e) {
                throw abort(reason(e));
            }
            // A mistake in the watch's sources is the user's, reported as such: nothing booted yet,
            // and the session releases the locks.
            checkTrafficSources();
            try {
                bootIdle();
                gateAndHook();
            }
            catch (RuntimeException e) {
                throw abort(reason(e));
            }
            return new StagedDeploy(plan.version(), plan.requestedBy(), plan.message(), plan.rollback(), idle,
                    live.orElse(null), previousVersion, stamp.at(), timeline.durations(), gates);
        }

        private void readStates() {
            checkCancelled("reading the ledger");
            var ledger = new Ledger(containers);
            states.putAll(EachHost.run(config.allHosts(), h -> ledger.read(connections.get(h), service, HISTORY_LINES))
                    .orThrow("reading the release ledger"));
        }

        /** For a warm rollback to the release on {@code color}: the newer release runs on the other one. */
        Run returningTo(final Color color) {
            readStates();
            idle = color;
            live = Optional.of(color.other());
            return this;
        }

        /** Hosts where a worker's stopped container of the idle color is gone or holds another release. */
        Optional<String> workerObstacle() {
            return workers().obstacle(states, idle);
        }

        /** Starts the idle color of every worker, checks its readiness, then stops the other color. */
        void bringWorkersBack() {
            var workers = workers();
            if (workers.roles().isEmpty()) {
                return;
            }
            timeline.phase(Phase.ROLLBACK,
                    () -> workers.startAgain(idle, () -> checkCancelled("waiting for readiness")));
            stop().oldColor(connections, workers.roles(), live.orElseThrow());
        }

        /** For a caller that holds the locks and writes the history itself. */
        Run underCallersLock() {
            callerHoldsLock = true;
            return this;
        }

        /** For a run that boots: where a host logs in before it pulls an image it does not have. */
        Run pullingFrom(final Optional<RegistryLogin> login) {
            registry = login;
            return this;
        }

        /** Picks up where {@link #stage} left off, possibly in another process. */
        Run resume(final StagedDeploy staged) {
            idle = staged.color();
            live = Optional.ofNullable(staged.liveColor());
            previousVersion = staged.previousVersion();
            gates.addAll(staged.gates());
            booted.addAll(config.allHosts());
            return this;
        }

        DeployResult promote() {
            try {
                guard();
            }
            catch (RuntimeException e) {
                throw abort(reason(e));
            }
            var tunnels = new ArrayList<Tunnel>();
            Optional<PostSwitchWatch> watching = Optional.empty();
            try {
                try {
                    watching = watching(tunnels);
                }
                catch (RuntimeException e) {
                    throw abort(reason(e));
                }
                SwitchAll.Result switched;
                try {
                    var hosts = primaryConnections();
                    switched = timeline.phase(Phase.SWITCH, () -> new SwitchAll(wiring.traffic(), timeline.sink())
                            .switchTo(hosts, target(idle, plan.version())));
                }
                catch (RuntimeException e) {
                    // SwitchAll has put every host back already.
                    throw abort(reason(e));
                }
                var breach = watching.flatMap(this::watch);
                if (breach.isPresent()) {
                    throw rollBack(switched, breach.get());
                }
                skew = switched.skew();
            }
            finally {
                watching.ifPresent(PostSwitchWatch::close);
                tunnels.forEach(Tunnel::close);
            }
            if (!callerHoldsLock) {
                record(plan.rollback() ? HistoryEntry.Action.ROLLBACK : HistoryEntry.Action.DEPLOY, plan.version(),
                        idle, plan.message());
            }
            retireOld();
            return result(DeployResult.Outcome.LIVE, null);
        }

        DeployResult abandon(final String why) {
            timeline.warn(Phase.ROLLBACK, null, "abandoning " + plan.version() + " on " + idle + ": " + why);
            timeline.phase(Phase.ROLLBACK, () -> stop().newRelease(usableConnections(), booted, idle));
            return result(DeployResult.Outcome.ABORTED, why);
        }

        private void readLedger() {
            readStates();
            live = ColorChoice.live(states);
            idle = live.map(Color::other).orElse(Color.BLUE);
            previousVersion = live.flatMap(c -> states.values().stream()
                    .flatMap(s -> s.slot(config.primaryRoleName(), c).stream())
                    .map(s -> s.release().version()).findFirst()).orElse(null);
            timeline.info(Phase.BOOT, null, live.map(c -> c + " is live" + (previousVersion == null ? ""
                    : " with " + previousVersion)).orElse("no color is live yet") + "; deploying " + plan.version()
                    + " to " + idle);
        }

        private void bootIdle() {
            checkCancelled("booting");
            var colorBoot = new ColorBoot(config, containers, specs, timeline, registry, stamp, plan.version());
            timeline.phase(Phase.BOOT, () -> {
                for (Role role : config.roles()) {
                    var fan = new FanOut(connections, config.boot().limit(), config.boot().batchWait(),
                            FanOut.Mode.FAIL_FAST);
                    boot = fan;
                    booted.addAll(role.hosts());
                    var report = fan.run(role.hosts(), c -> colorBoot.on(c, role, idle,
                            states.get(c.host()).slot(role.name(), idle).isPresent()));
                    boot = null;
                    checkCancelled("booting");
                    report.orThrow("booting " + plan.version() + " (" + role.name() + ") on " + idle);
                }
                workers().awaitReady(idle, () -> checkCancelled("waiting for readiness"));
            });
        }

        private void gateAndHook() {
            var tunnels = new ArrayList<Tunnel>();
            try {
                var urls = new LinkedHashMap<String, URI>();
                var targets = new ArrayList<GateTarget>();
                for (Host host : primaryHosts()) {
                    var base = candidateUrl(host, gate, tunnels);
                    urls.put(host.toString(), base);
                    for (Gate.Path path : gate.paths()) {
                        targets.add(new GateTarget(host.toString(), base.resolve(path.path()).toString(),
                                path.requireChecks()));
                    }
                }
                checkCancelled("the health gate");
                gates.addAll(timeline.phase(Phase.GATE, () -> new HealthGate(gate.settings(), timeline.sink(), mask)
                        .await(targets)));
                if (!GateResult.allPassed(gates)) {
                    containerLogs();
                    GateResult.orThrow(gates);
                }
                checkCancelled("the pre-switch hook");
                timeline.phase(Phase.PRE_SWITCH, () -> preSwitch(urls));
            }
            finally {
                tunnels.forEach(Tunnel::close);
            }
        }

        private URI candidateUrl(final Host host, final Gate gate, final List<Tunnel> tunnels) {
            int port = wiring.port(idle);
            if (gate.via() == Gate.Via.DIRECT) {
                return URI.create("http://" + host.name() + ":" + port + "/");
            }
            var tunnel = connections.get(host).forward(port);
            tunnels.add(tunnel);
            return URI.create("http://127.0.0.1:" + tunnel.localPort() + "/");
        }

        private void preSwitch(final Map<String, URI> urls) {
            var candidate = new Candidate(plan.version(), idle, List.copyOf(urls.keySet()), urls);
            try {
                plan.preSwitch().check(candidate);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployFailedException("pre-switch hook interrupted");
            }
            catch (Exception e) {
                throw new DeployFailedException("pre-switch hook failed: " + e.getMessage());
            }
            timeline.info(Phase.PRE_SWITCH, null, "pre-switch hook passed for " + plan.version() + " on " + idle);
        }

        private void guard() {
            checkCancelled("the switch");
            if (plan.rollback()) {
                return;
            }
            var veto = plan.guard().veto(plan);
            if (veto.isPresent()) {
                throw new DeployFailedException("switch refused: " + veto.get());
            }
        }

        /**
         * The watch this switch gets, its sources checked while traffic has not moved: a wrong
         * Prometheus URL or log format stops the deploy with the old color still serving. Empty for
         * a rollback, which returns to a release that ran before: switching back from it by itself
         * would put the release being rolled back from in front of the traffic again.
         */
        private Optional<PostSwitchWatch> watching(final List<Tunnel> tunnels) {
            var watch = config.extension().watch();
            if (!watch.enabled() || plan.rollback()) {
                return Optional.empty();
            }
            var sources = trafficSources();
            if (sources.isEmpty()) {
                var urls = new LinkedHashMap<String, URI>();
                for (Host host : primaryHosts()) {
                    urls.put(host.toString(), publicUrl(host, tunnels));
                }
                sources.add(new ProbeSource(gate, watch.errorRate(), urls));
            }
            var watching = new PostSwitchWatch(watch, sources, timeline);
            try {
                watching.check();
            }
            catch (RuntimeException e) {
                watching.close();
                throw e;
            }
            return Optional.of(watching);
        }

        /**
         * Checks the watch's sources before anything boots, so a wrong URL or log format costs
         * seconds, not a boot and a gate; {@link #watching} checks them again just before the switch.
         * A host that cannot be read is a failed deploy like any other; only a mistake in the
         * config leaves as {@link InvalidInputException}.
         */
        private void checkTrafficSources() {
            var watch = config.extension().watch();
            if (!watch.enabled() || plan.rollback()) {
                return;
            }
            List<TrafficSource> sources = List.of();
            try {
                sources = trafficSources();
                sources.forEach(TrafficSource::check);
            }
            catch (InvalidInputException e) {
                throw e;
            }
            catch (RuntimeException e) {
                throw abort(reason(e));
            }
            finally {
                sources.forEach(TrafficSource::close);
            }
        }

        /** The sources of real traffic the config names, for the release being deployed. */
        private List<TrafficSource> trafficSources() {
            var watch = config.extension().watch();
            if (!watch.traffic().any()) {
                return new ArrayList<>();
            }
            var release = new WatchedRelease(config.service(), idle.label(), plan.version(), wiring.port(idle),
                    primaryConnections(), watch.interval());
            return WatchSources.of(watch.traffic(), release);
        }

        private Optional<String> watch(final PostSwitchWatch watching) {
            try {
                watchReport = timeline.phase(Phase.WATCH, () -> {
                    try {
                        return watching.run();
                    }
                    catch (InterruptedException e) {
                        // A cancel during the watch: safest is the release that was live before.
                        Thread.currentThread().interrupt();
                        return null;
                    }
                });
            }
            catch (RuntimeException e) {
                return Optional.of("the watch failed: " + reason(e));
            }
            if (watchReport == null) {
                return Optional.of("the deploy was cancelled during the watch");
            }
            watchReport = watchReport.masked(mask::apply);
            return watchReport.verdict() == WatchReport.Verdict.ROLLED_BACK ? Optional.of(watchReport.summary())
                    : Optional.empty();
        }

        /** The host's public URL as reachable from here: through a tunnel when it is the host's own loopback. */
        private URI publicUrl(final Host host, final List<Tunnel> tunnels) {
            var url = wiring.publicUrl();
            var name = url.getHost();
            if (!name.equals("127.0.0.1") && !name.equals("localhost") && !name.equals("[::1]")) {
                return url;
            }
            int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
            var tunnel = connections.get(host).forward(port);
            tunnels.add(tunnel);
            return URI.create(url.getScheme() + "://127.0.0.1:" + tunnel.localPort() + "/");
        }

        private DeployAbortedException rollBack(final SwitchAll.Result switched, final String why) {
            skew = switched.skew();
            if (live.isEmpty()) {
                // A first release has nothing before it to go back to: it keeps serving, and the
                // deploy fails so people look at it.
                var message = plan.version() + " failed the watch (" + why + "); it is the first release of "
                        + service + " here, so there is nothing to switch back to: it keeps serving on " + idle;
                timeline.error(Phase.WATCH, null, message);
                if (!callerHoldsLock) {
                    // It serves: the history says so, or the next deploy would not know what is live.
                    record(HistoryEntry.Action.DEPLOY, plan.version(), idle, plan.message());
                }
                return new DeployAbortedException(message, result(DeployResult.Outcome.LIVE, why));
            }
            timeline.error(Phase.ROLLBACK, null, plan.version() + " failed the watch: " + why
                    + "; switching traffic back");
            var cleanup = usableConnections();
            var notRestored = new ArrayList<String>();
            timeline.phase(Phase.ROLLBACK, () -> {
                // After a cancel these are fresh connections: open them all at once too.
                var reached = EachHost.run(switched.hosts().stream().map(SwitchAll.Switched::host).toList(),
                        cleanup::get);
                var moves = new ArrayList<SwitchAll.Move>();
                for (SwitchAll.Switched host : switched.hosts()) {
                    var connection = reached.values().get(host.host());
                    if (host.previous().isEmpty()) {
                        notSwitchedBack(notRestored, host.host(), "no release served traffic here before, nothing"
                                + " to go back to");
                    }
                    else if (connection == null) {
                        notSwitchedBack(notRestored, host.host(), reached.failures().get(host.host()));
                    }
                    else {
                        moves.add(new SwitchAll.Move(connection, host.previous().get()));
                    }
                }
                // Every host at once, as the switch went: the window of mixed releases stays as short.
                var back = new SwitchAll(wiring.traffic(), timeline.sink()).switchBack(moves);
                for (SwitchAll.Move move : moves) {
                    var host = move.host().host();
                    var reason = back.failures().get(host);
                    if (reason == null) {
                        timeline.warn(Phase.ROLLBACK, host.toString(), "switched back to " + move.target().describe());
                    }
                    else {
                        notSwitchedBack(notRestored, host, reason);
                    }
                }
                back.skew().ifPresent(s -> timeline.info(Phase.ROLLBACK, null, "switched back with " + s.describe()));
            });
            if (notRestored.isEmpty()) {
                stop().newRelease(cleanup, booted, idle);
                record(HistoryEntry.Action.ROLLBACK, previousVersion, live.get(), "automatic rollback: "
                        + plan.version() + " failed the watch: " + why);
                return new DeployAbortedException(plan.version() + " " + DeployAbortedException.ROLLED_BACK_AUTOMATICALLY + ": " + why
                        + "; traffic is back on " + live.get() + " (" + previousVersion + ") everywhere",
                        result(DeployResult.Outcome.ROLLED_BACK, why));
            }
            return new DeployAbortedException(plan.version() + " failed the watch (" + why + ") and could not be"
                    + " switched back on " + String.join(", ", notRestored) + "; those hosts still serve "
                    + plan.version() + " on " + idle, result(DeployResult.Outcome.ROLLED_BACK, why));
        }

        private void notSwitchedBack(final List<String> notRestored, final Host host, final String reason) {
            notRestored.add(host + " (" + reason + ")");
            timeline.error(Phase.ROLLBACK, host.toString(), "NOT switched back: " + reason);
        }

        /** Stops the new color everywhere it was booted and leaves traffic untouched. */
        private DeployAbortedException abort(final String why) {
            timeline.error(Phase.ROLLBACK, null, "deploy of " + plan.version() + " aborted: " + why);
            var cleanup = usableConnections();
            timeline.phase(Phase.ROLLBACK, () -> stop().newRelease(cleanup, booted, idle));
            var where = live.map(c -> "traffic stays on " + c + (previousVersion == null ? "" : " (" + previousVersion
                    + ")")).orElse("no color serves traffic yet");
            return new DeployAbortedException("deploy of " + plan.version() + " aborted before the switch: " + why
                    + "\n" + where + "; the new color " + idle + " was stopped", result(DeployResult.Outcome.ABORTED, why));
        }

        /**
         * Stops the old color of every role without traffic (two colors of a worker would take every
         * job twice); the old color of the traffic role stays warm for an instant switch back, or
         * stops now too when {@code keep_warm} is 0.
         */
        private void retireOld() {
            if (live.isEmpty()) {
                return;
            }
            var old = live.get();
            var keepWarm = config.extension().watch().keepWarm();
            var retiring = new ArrayList<>(workers().roles());
            if (keepWarm.isZero()) {
                retiring.add(config.primaryRole());
            }
            else {
                timeline.info(Phase.RETIRE, null, previousVersion + " stays warm on " + old + " for "
                        + keepWarm.toSeconds() + "s (rollback is an instant switch back); the next deploy replaces it");
            }
            stop().oldColor(connections, retiring, old);
        }

        private void record(final HistoryEntry.Action action, final String version, final Color color,
                            final String message) {
            var entry = new HistoryEntry(action, new Release(version, color, specs.image(version), stamp.at(),
                    stamp.by()), null, null, message == null && previousVersion != null ? "previous: " + previousVersion
                    : message);
            var ledger = new Ledger(containers);
            var cleanup = usableConnections();
            timeline.phase(Phase.HISTORY, () -> EachHost.run(config.allHosts(), host -> {
                ledger.append(cleanup.get(host), service, entry);
                return host;
            }).failures().forEach((host, why) -> timeline.error(Phase.HISTORY, host.toString(),
                    "could not record " + action + " " + version + " in the history: " + why)));
        }

        private void containerLogs() {
            for (GateResult failed : gates.stream().filter(g -> !g.passed()).toList()) {
                primaryHosts().stream().filter(h -> h.toString().equals(failed.target().host())).findFirst()
                        .ifPresent(host -> {
                            var name = containerName(config.primaryRole(), idle);
                            var logs = connections.get(host).run(containers.logs(name, LOG_LINES),
                                    OutputListener.discard(), COMMAND_TIMEOUT);
                            timeline.warn(Phase.GATE, host.toString(), "last lines of " + name + ":\n"
                                    + logs.stdout());
                        });
            }
        }

        private DeployResult result(final DeployResult.Outcome outcome, final String failure) {
            var rows = new ArrayList<DeployResult.HostRow>();
            for (Host host : config.allHosts()) {
                var liveNow = outcome == DeployResult.Outcome.LIVE ? Optional.of(idle) : live;
                var version = outcome == DeployResult.Outcome.LIVE ? plan.version() : previousVersion;
                var note = outcome == DeployResult.Outcome.LIVE && live.isPresent()
                        ? previousVersion + " warm on " + live.get() : outcome.name().toLowerCase(Locale.ROOT);
                rows.add(new DeployResult.HostRow(host.toString(), version, liveNow.orElse(null), note));
            }
            return new DeployResult(outcome, plan.version(), previousVersion, idle, rows, timeline.durations(), skew,
                    gates, failure, watchReport);
        }

        private String containerName(final Role role, final Color color) {
            return specs.spec(role, color, plan.version()).containerName();
        }

        private ColorStop stop() {
            return new ColorStop(config, containers, specs, timeline, plan.version());
        }

        private Workers workers() {
            return new Workers(config, containers, specs, timeline, connections, plan.version());
        }

        private List<Host> primaryHosts() {
            return config.primaryRole().hosts();
        }

        /** Open on every host, all at once: a promote after a stage in another session logs in afresh. */
        private List<Connection> primaryConnections() {
            return List.copyOf(EachHost.run(primaryHosts(), connections::get).orThrow("connecting for the switch")
                    .values());
        }

        private Target target(final Color color, final String version) {
            return new Target(config.service(), color.label(), wiring.port(color), version);
        }

        private void checkCancelled(final String during) {
            if (cancelled || Thread.currentThread().isInterrupted()) {
                throw new DeployFailedException("cancelled during " + during);
            }
        }

        private String reason(final RuntimeException e) {
            if (cancelled) {
                return "the deploy was cancelled";
            }
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
