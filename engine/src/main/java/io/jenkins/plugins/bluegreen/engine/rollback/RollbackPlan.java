package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.ledger.Slot;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a rollback will do, decided from what the hosts say and nothing else, or why it must not
 * start ({@link RollbackRefusedException}).
 *
 * @param version the release to put back
 * @param rolledBackFrom the release live on every host now, {@code null} when hosts differ
 * @param image the image of {@code version}
 * @param warm the color that still runs {@code version} on every host, empty when it must be booted
 * @param schema the schema rollback {@code version} needs, empty when it served on the current schema
 */
public record RollbackPlan(String version, String rolledBackFrom, String image, Optional<Color> warm,
                           Optional<SchemaChange> schema) {
    /**
     * @param toVersion the release asked for, {@code null} for the one live before the current
     * @param imageRepository the config's {@code image}, for a release whose image no host recorded
     */
    public static RollbackPlan choose(final FleetStatus fleet, final String toVersion, final String imageRepository) {
        var hosts = fleet.hosts();
        var down = hosts.stream().filter(h -> !h.reachable()).toList();
        if (!down.isEmpty()) {
            throw new RollbackRefusedException("a rollback needs every host and "
                    + down.stream().map(h -> h.host() + " cannot be read (" + h.error().lines().findFirst().orElse("")
                    + ")").collect(Collectors.joining(", ")) + "; see docs/rollback.md, 'A host is down'");
        }
        var version = toVersion == null ? previous(hosts) : named(hosts, toVersion);
        if (hosts.stream().allMatch(h -> h.liveRelease().filter(r -> r.version().equals(version)).isPresent())) {
            throw new RollbackRefusedException(version + " is already live on every host");
        }
        var image = hosts.stream().map(h -> h.image(version)).flatMap(Optional::stream).findFirst()
                .orElse(imageRepository + ":" + version);
        return new RollbackPlan(version, fleet.liveVersion().orElse(null), image, warm(hosts, version),
                schema(hosts, version));
    }

    private static String previous(final List<HostView> hosts) {
        var previous = new LinkedHashMap<Host, String>();
        for (HostView h : hosts) {
            var p = h.previousVersion();
            if (p.isEmpty()) {
                var live = h.liveRelease();
                throw new RollbackRefusedException("nothing to roll back to: " + h.host() + (live.isEmpty()
                        ? " has no live release" : " has no release before " + live.get().version() + " in its history"));
            }
            previous.put(h.host(), p.get());
        }
        if (previous.values().stream().distinct().count() > 1) {
            throw new RollbackRefusedException("the hosts disagree on the release before the live one ("
                    + previous.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", ")) + "); name the version to return to (--to / toVersion)");
        }
        return previous.values().iterator().next();
    }

    private static String named(final List<HostView> hosts, final String version) {
        var missing = hosts.stream().filter(h -> !h.knows(version)).map(h -> h.host().toString()).toList();
        if (!missing.isEmpty()) {
            throw new RollbackRefusedException(version + " is not on every host: " + String.join(", ", missing)
                    + " never ran it; choose a version every host has run (bluegreen status lists them)");
        }
        return version;
    }

    private static Optional<Color> warm(final List<HostView> hosts, final String version) {
        var slots = new ArrayList<Slot>();
        for (HostView h : hosts) {
            var slot = h.running(version);
            if (slot.isEmpty()) {
                return Optional.empty();
            }
            slots.add(slot.get());
        }
        var colors = slots.stream().map(Slot::color).distinct().toList();
        if (colors.size() > 1) {
            var where = new ArrayList<String>();
            for (int i = 0; i < hosts.size(); i++) {
                where.add(hosts.get(i).host() + ": " + slots.get(i).color());
            }
            throw new RollbackRefusedException(version + " runs on different colors (" + String.join(", ", where)
                    + "), and one switch sends every host to the same color; redeploy " + version + " instead");
        }
        return Optional.of(colors.get(0));
    }

    private static Optional<SchemaChange> schema(final List<HostView> hosts, final String version) {
        var needed = new LinkedHashMap<Host, Optional<SchemaChange>>();
        hosts.forEach(h -> needed.put(h.host(), SchemaHistory.needed(h.state().history(), version)));
        if (needed.values().stream().distinct().count() > 1) {
            throw new RollbackRefusedException("the hosts' histories disagree about the schema " + version + " needs ("
                    + needed.entrySet().stream().map(e -> e.getKey() + ": "
                            + e.getValue().map(SchemaChange::describe).orElse("none"))
                    .collect(Collectors.joining(", ")) + ")");
        }
        return needed.values().iterator().next();
    }
}
