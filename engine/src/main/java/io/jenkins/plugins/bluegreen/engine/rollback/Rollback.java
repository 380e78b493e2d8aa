package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import io.jenkins.plugins.bluegreen.engine.config.Ports;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.HostLocks;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.Ledger;
import io.jenkins.plugins.bluegreen.engine.ledger.Release;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.EachHost;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.traffic.SwitchAll;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;
import io.jenkins.plugins.bluegreen.engine.traffic.TrafficSwitch;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts an earlier release back in front of the traffic of every host. Deployment windows do not
 * apply: a rollback is how a bad release gets fixed on a Friday afternoon.
 *
 * <p>Under the deploy lock of every host it reads the hosts, lets {@link RollbackPlan} choose the
 * release, and checks its image is on each host. When the release still runs warm on the idle color
 * everywhere, traffic switches back with {@link SwitchAll} (which puts every host back if one fails);
 * otherwise the {@link ReleaseBooter} boots it first. On the warm path the {@link WorkerReturn} brings
 * the roles without traffic back too, once traffic has moved; when their older containers are gone
 * the release is booted instead. A schema rollback, when asked for and needed, runs before traffic moves. Every host then gets a {@code rollback} history line.
 */
public final class Rollback {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Service service;
    private final Ports ports;
    private final String imageRepository;
    private final ContainerCommands containers;
    private final Ledger ledger;
    private final DeployLock lock;
    private final StatusReader reader;
    private final SwitchAll switchAll;
    private final EventSink events;
    private final ReleaseBooter booter;
    private final SchemaRollback schemaRollback;
    private final WorkerReturn workers;

    /**
     * @param role the role that carries public traffic (the config's primary role)
     * @param imageRepository the config's {@code image}, for releases whose image no host recorded
     */
    public Rollback(final Service service, final String role, final Ports ports, final String imageRepository,
                    final ContainerCommands containers, final TrafficSwitch traffic, final EventSink events) {
        this(service, ports, imageRepository, containers, new StatusReader(service, role, new Ledger(containers),
                new DeployLock(containers.runDir())), new SwitchAll(traffic, events), events, null, null, null);
    }

    private Rollback(final Service service, final Ports ports, final String imageRepository,
                     final ContainerCommands containers, final StatusReader reader, final SwitchAll switchAll,
                     final EventSink events, final ReleaseBooter booter, final SchemaRollback schemaRollback,
                     final WorkerReturn workers) {
        this.service = service;
        this.ports = ports;
        this.imageRepository = imageRepository;
        this.containers = containers;
        this.ledger = new Ledger(containers);
        this.lock = new DeployLock(containers.runDir());
        this.reader = reader;
        this.switchAll = switchAll;
        this.events = events;
        this.booter = booter;
        this.schemaRollback = schemaRollback;
        this.workers = workers;
    }

    /** This rollback, booting releases that are no longer warm with {@code releaseBooter}. */
    public Rollback withBooter(final ReleaseBooter releaseBooter) {
        return new Rollback(service, ports, imageRepository, containers, reader, switchAll, events, releaseBooter,
                schemaRollback, workers);
    }

    /** This rollback, rolling the schema back with {@code schema} when asked to and needed. */
    public Rollback withSchemaRollback(final SchemaRollback schema) {
        return new Rollback(service, ports, imageRepository, containers, reader, switchAll, events, booter, schema,
                workers);
    }

    /** This rollback, moving the roles without traffic back with {@code workerReturn} on the warm path. */
    public Rollback withWorkers(final WorkerReturn workerReturn) {
        return new Rollback(service, ports, imageRepository, containers, reader, switchAll, events, booter,
                schemaRollback, workerReturn);
    }

    /** Rolls every one of {@code hosts} back as {@code request} asks; the hosts are those of the traffic role. */
    public DeployOutcome run(final List<Connection> hosts, final RollbackRequest request) {
        var stamp = new DeployStamp(Instant.now(), request.requestedBy());
        var phases = new EnumMap<Phase, Duration>(Phase.class);
        long started = System.nanoTime();
        var byHost = byHost(hosts);
        var locks = new HostLocks(lock, service);
        locks.acquire(byHost::get, List.copyOf(byHost.keySet()), new LockHolder(stamp, request.toVersion(),
                "rollback" + (request.reason() == null ? "" : ": " + request.reason())), false);
        phases.put(Phase.LOCK, since(started));
        try {
            return roll(hosts, request, stamp, phases);
        }
        finally {
            locks.release(() -> byHost::get).forEach((host, why) -> report(Event.Level.ERROR, byHost.get(host),
                    Phase.RELEASE, "could not release the deploy lock: " + why));
        }
    }

    private DeployOutcome roll(final List<Connection> hosts, final RollbackRequest request, final DeployStamp stamp,
                               final Map<Phase, Duration> phases) {
        var plan = RollbackPlan.choose(reader.read(hosts), request.toVersion(), imageRepository);
        requireImage(hosts, plan);
        var warm = warmWithWorkers(plan);
        if (warm.isEmpty() && booter == null) {
            throw new RollbackRefusedException(plan.version() + " no longer runs warm on every host, and booting it"
                    + " needs the deploy orchestration, which is not connected here; deploy " + plan.version()
                    + " instead");
        }
        var schema = schemaChange(plan, request.schema());
        info(null, "rolling back to " + plan.version() + (warm.isPresent()
                ? ", warm on " + warm.get() + " on every host" : ", not warm: booting it first")
                + schema.map(c -> ", with " + c.describe()).orElse(""));
        long decided = System.nanoTime();
        schema.ifPresent(change -> {
            try {
                schemaRollback.rollBack(change);
            }
            catch (DeployFailedException e) {
                throw new DeployFailedException("rollback to " + plan.version() + " stopped: the " + change.describe()
                        + " failed, so traffic was not touched and " + (plan.rolledBackFrom() == null
                        ? "each host still serves what it did" : plan.rolledBackFrom() + " still serves")
                        + "; the schema is where this says:\n" + e.getMessage(), e);
            }
            phases.put(Phase.MIGRATE, since(decided));
        });
        long moving = System.nanoTime();
        Color color;
        Duration skew;
        try {
            if (warm.isPresent()) {
                color = warm.get();
                skew = switchAll.switchTo(hosts, new Target(service.name(), color.label(), port(color),
                        plan.version())).skew().spread();
            }
            else {
                var booted = booter.redeploy(plan.version(), plan.image(), hosts);
                color = Color.parse(booted.color(), "color of the redeploy");
                skew = booted.switchSkew();
            }
        }
        catch (DeployFailedException e) {
            throw new DeployFailedException("rollback to " + plan.version() + " failed: " + e.getMessage()
                    + schema.map(c -> "\nNOTE: the " + c.describe() + " was done already; the release now live may"
                    + " not run on it").orElse(""), e);
        }
        phases.put(Phase.SWITCH, since(moving));
        info(null, plan.version() + " serves on every host " + since(decided).toMillis() + " ms after the decision");
        var workersLeft = warm.isPresent() ? bringWorkersBack(plan.version(), warm.get()) : Optional.<String>empty();
        record(hosts, new HistoryEntry(HistoryEntry.Action.ROLLBACK,
                new Release(plan.version(), color, plan.image(), stamp.at(), stamp.by()),
                schema.map(SchemaChange::from).orElse(null), schema.map(SchemaChange::to).orElse(null),
                request.reason()));
        workersLeft.ifPresent(why -> {
            throw new DeployFailedException(plan.version() + " serves on every host, but its workers did not all come"
                    + " back: " + why);
        });
        return new DeployOutcome(plan.version(), plan.rolledBackFrom(), color.label(),
                hosts.stream().map(h -> h.host().toString()).toList(), phases, skew);
    }

    private Optional<SchemaChange> schemaChange(final RollbackPlan plan, final boolean asked) {
        var change = plan.schema();
        if (change.isEmpty()) {
            if (asked) {
                info(null, plan.version() + " has served on the current schema (or schemas are not tracked):"
                        + " no schema rollback needed");
            }
            return Optional.empty();
        }
        if (!asked) {
            throw new RollbackRefusedException(plan.version() + " last served on schema " + change.get().to()
                    + " but the schema is now " + change.get().from() + " (" + change.get().steps()
                    + " migration(s) later), so it may fail on it; roll the schema back too (--schema, or"
                    + " schema: true), knowing that undoes those migrations and what was written through them");
        }
        if (schemaRollback == null) {
            throw new RollbackRefusedException(plan.version() + " needs a " + change.get().describe()
                    + ", and no schema rollback is configured here");
        }
        return change;
    }

    /**
     * The color to switch back to, or empty when the release must be booted: also when a worker's
     * older container is gone, since switching the traffic alone would leave the workers on the
     * newer release.
     */
    private Optional<Color> warmWithWorkers(final RollbackPlan plan) {
        if (plan.warm().isEmpty() || workers == null) {
            return plan.warm();
        }
        var obstacle = workers.obstacle(plan.version(), plan.warm().get());
        if (obstacle.isEmpty()) {
            return plan.warm();
        }
        if (booter == null) {
            throw new RollbackRefusedException("the workers of " + plan.version() + " cannot be started again: "
                    + obstacle.get() + "; deploy " + plan.version() + " instead");
        }
        report(Event.Level.WARNING, null, Phase.ROLLBACK, "the workers of " + plan.version() + " cannot be started"
                + " again (" + obstacle.get() + "): booting " + plan.version() + " instead of switching back");
        return Optional.empty();
    }

    /** Why the workers did not all come back, empty when they did; traffic has moved either way. */
    private Optional<String> bringWorkersBack(final String version, final Color color) {
        if (workers == null) {
            return Optional.empty();
        }
        try {
            workers.bringBack(version, color);
            return Optional.empty();
        }
        catch (DeployFailedException e) {
            report(Event.Level.ERROR, null, Phase.ROLLBACK, "the workers did not all come back: " + e.getMessage());
            return Optional.of(e.getMessage());
        }
    }

    private int port(final Color color) {
        return color == Color.BLUE ? ports.blue() : ports.green();
    }

    private void requireImage(final List<Connection> hosts, final RollbackPlan plan) {
        var found = EachHost.runOn(hosts, h -> h.run(containers.imageExists(plan.image()), OutputListener.discard(),
                TIMEOUT).ok());
        var gone = hosts.stream().map(Connection::host).filter(h -> !found.values().getOrDefault(h, false))
                .map(Host::toString).toList();
        if (!gone.isEmpty()) {
            throw new RollbackRefusedException("the image " + plan.image() + " of " + plan.version() + " is gone from "
                    + String.join(", ", gone) + "; pull it there first, or roll back to another version");
        }
    }

    /** Writes the history line on every host; traffic has moved, so one failure must not hide the others. */
    private void record(final List<Connection> hosts, final HistoryEntry entry) {
        var failed = EachHost.runOn(hosts, h -> {
            ledger.append(h, service, entry);
            return h;
        }).failures().values();
        if (!failed.isEmpty()) {
            throw new DeployFailedException(entry.release().version() + " serves on every host, but the rollback could"
                    + " not be recorded in the history of " + failed.size() + " host(s); until it is, deploys there"
                    + " read the wrong live color:\n" + String.join("\n", failed));
        }
    }

    /** The hosts in their order, each with its connection, for the locks, which go by host. */
    private static Map<Host, Connection> byHost(final List<Connection> hosts) {
        var byHost = new LinkedHashMap<Host, Connection>();
        hosts.forEach(c -> byHost.put(c.host(), c));
        return byHost;
    }

    private void info(final Connection host, final String message) {
        report(Event.Level.INFO, host, Phase.ROLLBACK, message);
    }

    private void report(final Event.Level level, final Connection host, final Phase phase, final String message) {
        events.accept(new Event(Instant.now(), phase, level, host == null ? null : host.host().toString(), message));
    }

    private static Duration since(final long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
