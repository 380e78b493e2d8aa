package io.jenkins.plugins.bluegreen.engine.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.container.ContainerLabels;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads what hosts say about a service (container listings, history lines) and writes history
 * lines. Pure text in, values out: tested against outputs captured from the real runtimes.
 */
public final class LedgerFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerFormat() {
    }

    /** One history line, without the line break. Unknown values are left out, not written as null. */
    public static String historyLine(final Service service, final HistoryEntry entry) {
        ObjectNode o = JSON.createObjectNode();
        var r = entry.release();
        put(o, "at", r.deployedAt() == null ? null : r.deployedAt().toString());
        o.put("action", entry.action().name().toLowerCase(Locale.ROOT));
        o.put("service", service.name());
        put(o, "destination", service.destination());
        o.put("version", r.version());
        o.put("color", r.color().label());
        put(o, "image", r.image());
        put(o, "by", r.deployedBy());
        put(o, "schema_before", entry.schemaBefore());
        put(o, "schema_after", entry.schemaAfter());
        put(o, "message", entry.message());
        if (entry.migrations() != null) {
            o.put("migrations", entry.migrations().intValue());
        }
        put(o, "backup", entry.backup());
        return o.toString();
    }

    private static void put(final ObjectNode o, final String key, final String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /**
     * Parses history lines, oldest first. A line that is not a complete entry (torn by a full disk,
     * edited by hand) is skipped: history informs, it never blocks a deploy or a rollback.
     */
    public static List<HistoryEntry> history(final String text) {
        var out = new ArrayList<HistoryEntry>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                parseHistoryLine(line).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<HistoryEntry> parseHistoryLine(final String line) {
        try {
            var n = JSON.readTree(line);
            var action = HistoryEntry.Action.valueOf(text(n, "action").toUpperCase(Locale.ROOT));
            var release = new Release(Objects.requireNonNull(text(n, "version")), Color.parse(text(n, "color"), "color"),
                    text(n, "image"), instant(text(n, "at")), text(n, "by"));
            return Optional.of(new HistoryEntry(action, release, text(n, "schema_before"),
                    text(n, "schema_after"), text(n, "message"), count(n, "migrations"), text(n, "backup")));
        }
        catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses {@code ps --all --format '{{json .}}'}: a JSON array from podman (labels as an object, names as
     * an array), one object per line from docker (labels as {@code k=v,k=v}, names as a string).
     * Keeps the containers of this service and destination that carry our labels.
     */
    public static List<Slot> slots(final Service service, final String psOutput) {
        var out = new ArrayList<Slot>();
        for (JsonNode c : containers(psOutput)) {
            var labels = labels(c.get("Labels"));
            if (!service.name().equals(labels.get(ContainerLabels.SERVICE))
                    || !Objects.equals(service.destination(), labels.get(ContainerLabels.DESTINATION))
                    || labels.get(ContainerLabels.COLOR) == null || labels.get(ContainerLabels.VERSION) == null
                    || labels.get(ContainerLabels.ROLE) == null) {
                continue;
            }
            var color = Color.parse(labels.get(ContainerLabels.COLOR), "label " + ContainerLabels.COLOR);
            var release = new Release(labels.get(ContainerLabels.VERSION), color, text(c, "Image"),
                    instant(labels.get(ContainerLabels.DEPLOYED_AT)), labels.get(ContainerLabels.DEPLOYED_BY));
            out.add(new Slot(name(c.get("Names")), labels.get(ContainerLabels.ROLE), color, release,
                    text(c, "State")));
        }
        return out;
    }

    private static List<JsonNode> containers(final String psOutput) {
        var text = psOutput == null ? "" : psOutput.strip();
        var out = new ArrayList<JsonNode>();
        try {
            if (text.startsWith("[")) {
                JSON.readTree(text).forEach(out::add);
            }
            else {
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line));
                    }
                }
            }
        }
        catch (JsonProcessingException e) {
            // Unlike history, a listing we cannot read means we do not know what runs: stop.
            throw new DeployFailedException("could not read the container list (expected JSON from ps): "
                    + e.getOriginalMessage());
        }
        return out;
    }

    private static Map<String, String> labels(final JsonNode node) {
        var out = new HashMap<String, String>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
        // docker joins labels with commas; a comma only starts a new label when a key= follows it.
        for (String pair : node.asText().split(",(?=[A-Za-z0-9._/-]+=)")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    private static String name(final JsonNode names) {
        if (names == null) {
            return null;
        }
        return names.isArray() ? (names.isEmpty() ? null : names.get(0).asText()) : names.asText();
    }

    private static String text(final JsonNode node, final String field) {
        var v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer count(final JsonNode node, final String field) {
        var v = node.get(field);
        return v != null && v.canConvertToInt() && v.asInt() >= 0 ? v.asInt() : null;
    }

    private static Instant instant(final String text) {
        try {
            return text == null ? null : Instant.parse(text);
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }
}
