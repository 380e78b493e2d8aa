package io.jenkins.plugins.bluegreen.engine.rollback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jenkins.plugins.bluegreen.engine.ledger.Release;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** Renders a {@link FleetStatus} for people (a table) and for scripts (JSON). */
public final class StatusReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FleetStatus status;
    private final int releases;

    /** @param releases how many past releases to show per host */
    public StatusReport(final FleetStatus status, final int releases) {
        this.status = status;
        this.releases = releases;
    }

    public String text() {
        var hosts = status.hosts();
        var out = new StringBuilder();
        out.append(status.service()).append(" (role ").append(status.role()).append("): ")
                .append(status.agreed() ? "all " + hosts.size() + " host(s) agree"
                        : "HOSTS DISAGREE, compare the rows below")
                .append('\n');
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("HOST", "LIVE", "SINCE", "BY", "WARM", "LOCK"));
        for (HostView h : hosts) {
            if (!h.reachable()) {
                rows.add(List.of(h.host().toString(), "UNREACHABLE: " + h.error().lines().findFirst().orElse(""),
                        "", "", "", ""));
                continue;
            }
            var since = h.lastSwitch();
            rows.add(List.of(h.host().toString(), live(h),
                    since.map(e -> Objects.toString(e.at(), "?")).orElse("-"),
                    since.map(e -> Objects.toString(e.release().deployedBy(), "?")).orElse("-"),
                    h.warm().map(s -> s.color() + " " + s.release().version()).orElse("-"),
                    h.lock().map(LockHolder::describe).orElse("-")));
        }
        out.append(table(rows));
        var lists = hosts.stream().filter(HostView::reachable).map(this::releaseLine).distinct().toList();
        if (lists.size() == 1) {
            out.append("releases, newest first: ").append(lists.get(0)).append('\n');
        }
        else {
            hosts.stream().filter(HostView::reachable).forEach(h ->
                    out.append("releases on ").append(h.host()).append(", newest first: ").append(releaseLine(h))
                            .append('\n'));
        }
        return out.toString();
    }

    public String json() {
        var root = JSON.createObjectNode();
        root.put("service", status.service().name());
        root.put("destination", status.service().destination());
        root.put("role", status.role());
        root.put("agreed", status.agreed());
        var hosts = root.putArray("hosts");
        for (HostView h : status.hosts()) {
            var o = hosts.addObject();
            o.put("host", h.host().toString());
            o.put("reachable", h.reachable());
            if (!h.reachable()) {
                o.put("error", h.error());
                continue;
            }
            var live = o.putObject("live");
            live.put("color", h.live().map(Object::toString).orElse(null));
            live.put("version", h.liveRelease().map(Release::version).orElse(null));
            live.put("running", h.liveRunning());
            h.lastSwitch().ifPresent(e -> {
                live.put("since", Objects.toString(e.at(), null));
                live.put("by", e.release().deployedBy());
                live.put("action", e.action().name().toLowerCase(Locale.ROOT));
            });
            h.warm().ifPresentOrElse(s -> {
                var warm = o.putObject("warm");
                warm.put("color", s.color().label());
                warm.put("version", s.release().version());
            }, () -> o.putNull("warm"));
            h.lock().ifPresentOrElse(l -> lock(o.putObject("lock"), l), () -> o.putNull("lock"));
            var list = o.putArray("releases");
            h.releases().stream().limit(releases).forEach(r -> {
                var ro = list.addObject();
                ro.put("version", r.version());
                ro.put("color", r.color().label());
                ro.put("at", Objects.toString(r.deployedAt(), null));
                ro.put("by", r.deployedBy());
                ro.put("image", r.image());
            });
        }
        return root.toPrettyString();
    }

    private static void lock(final ObjectNode o, final LockHolder l) {
        o.put("by", l.stamp() == null ? null : l.stamp().by());
        o.put("since", l.stamp() == null ? null : l.stamp().at().toString());
        o.put("version", l.version());
        o.put("message", l.message());
    }

    private static String live(final HostView h) {
        return h.live().map(c -> c + " " + h.liveRelease().map(Release::version).orElse("(version unknown)")
                + (h.liveRunning() ? "" : " (NOT RUNNING)")).orElse("none");
    }

    private String releaseLine(final HostView h) {
        var list = h.releases().stream().limit(releases)
                .map(r -> r.version() + " (" + r.color() + ", " + Objects.toString(r.deployedAt(), "?") + ", "
                        + Objects.toString(r.deployedBy(), "?") + ")")
                .collect(Collectors.joining(", "));
        return list.isEmpty() ? "none recorded" : list;
    }

    private static String table(final List<List<String>> rows) {
        int columns = rows.get(0).size();
        var widths = new int[columns];
        rows.forEach(r -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        var out = new StringBuilder();
        for (List<String> r : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", r.get(i)));
                if (i < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
