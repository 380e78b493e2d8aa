package io.jenkins.plugins.bluegreen.engine.window;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the {@code windows} YAML format (docs/windows.md) into policies. Every mistake is reported
 * as {@code file: slash/path: found X, expected Y}.
 */
final class WindowConfigReader {
    private static final String UNRESTRICTED = "unrestricted";
    private static final Set<String> POLICY_KEYS = Set.of("zone", "allow", "deny", "blackouts");
    private static final Set<String> DESTINATION_KEYS = Set.of("hosts", "zone", "allow", "deny", "blackouts");
    private static final Set<String> RULE_KEYS = Set.of("name", "days", "from", "to", "zone");
    private static final Set<String> BLACKOUT_KEYS = Set.of("name", "from", "to", "zone");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Map<String, DayOfWeek> DAYS = dayNames();

    private final String source;

    WindowConfigReader(final String source) {
        this.source = source == null || source.isBlank() ? "windows" : source;
    }

    static WindowPolicies parseText(final String yamlText, final String source) {
        var reader = new WindowConfigReader(source);
        if (yamlText == null || yamlText.isBlank()) {
            return WindowPolicies.seedDefault();
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yamlText);
        }
        catch (JsonProcessingException e) {
            var where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidInputException(reader.source + where + ": found text that is not YAML ("
                    + e.getOriginalMessage() + "), expected a windows policy");
        }
        if (root != null && root.isObject() && root.size() == 1 && root.has("windows")) {
            return reader.policies(root.get("windows"), "windows");
        }
        return reader.policies(root, "");
    }

    WindowPolicies policies(final JsonNode node, final String path) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return WindowPolicies.seedDefault();
        }
        if (isUnrestricted(node)) {
            return new WindowPolicies(WindowPolicy.unrestricted(), Map.of());
        }
        var allowed = new HashSet<>(POLICY_KEYS);
        allowed.add("destinations");
        requireMapping(node, path, allowed, "a policy (zone, allow, deny, blackouts, destinations) or 'unrestricted'");
        var zone = node.has("zone") ? zone(node.get("zone"), join(path, "zone")) : ZoneId.of("UTC");
        boolean hasRules = node.has("allow") || node.has("deny") || node.has("blackouts");
        var fallback = hasRules ? policy(node, path, zone) : WindowPolicy.seedDefault();
        var byDestination = new LinkedHashMap<String, WindowPolicy>();
        var hostsByDestination = new LinkedHashMap<String, Set<String>>();
        var destinations = node.get("destinations");
        if (destinations != null && !destinations.isNull()) {
            var destPath = join(path, "destinations");
            if (!destinations.isObject()) {
                throw error(destPath, describe(destinations), "a mapping of destination name to a policy or 'unrestricted'");
            }
            for (var e : destinations.properties()) {
                var p = join(destPath, e.getKey());
                var value = e.getValue();
                if (isUnrestricted(value)) {
                    byDestination.put(e.getKey(), WindowPolicy.unrestricted());
                }
                else {
                    requireMapping(value, p, DESTINATION_KEYS, "a policy (hosts, zone, allow, deny, blackouts) or 'unrestricted'");
                    var destZone = value.has("zone") ? zone(value.get("zone"), join(p, "zone")) : zone;
                    // hosts alone say where a destination is, not when: it keeps the default policy
                    boolean onlyHosts = value.has("hosts") && !value.has("allow") && !value.has("deny")
                            && !value.has("blackouts");
                    byDestination.put(e.getKey(), onlyHosts ? fallback : policy(value, p, destZone));
                    if (value.has("hosts")) {
                        hostsByDestination.put(e.getKey(), hosts(value.get("hosts"), join(p, "hosts")));
                    }
                }
            }
        }
        return new WindowPolicies(fallback, byDestination, hostsByDestination);
    }

    /** Host names, or {@code *.suffix} for every host under a domain. */
    private Set<String> hosts(final JsonNode node, final String path) {
        if (!node.isArray() || node.isEmpty()) {
            throw error(path, describe(node), "a list of host names such as [web-1.internal, '*.prod.internal']");
        }
        var hosts = new TreeSet<String>();
        for (int i = 0; i < node.size(); i++) {
            var host = node.get(i);
            if (!host.isTextual() || !host.asText().strip().matches("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                throw error(join(path, String.valueOf(i + 1)), describe(host), "a host name such as web-1.internal or"
                        + " '*.prod.internal'");
            }
            hosts.add(host.asText().strip());
        }
        return hosts;
    }

    private WindowPolicy policy(final JsonNode node, final String path, final ZoneId zone) {
        var allow = rules(node.get("allow"), join(path, "allow"), zone);
        var deny = rules(node.get("deny"), join(path, "deny"), zone);
        var blackouts = new ArrayList<Blackout>();
        var list = items(node.get("blackouts"), join(path, "blackouts"));
        for (int i = 0; i < list.size(); i++) {
            blackouts.add(blackout(list.get(i), join(path, "blackouts/" + i), zone, i));
        }
        return WindowPolicy.of(allow, deny, blackouts);
    }

    private List<WeeklyRule> rules(final JsonNode list, final String path, final ZoneId zone) {
        var rules = new ArrayList<WeeklyRule>();
        var items = items(list, path);
        var kind = path.substring(path.lastIndexOf('/') + 1);
        for (int i = 0; i < items.size(); i++) {
            rules.add(rule(items.get(i), join(path, String.valueOf(i)), zone, kind + " rule " + (i + 1)));
        }
        return rules;
    }

    private WeeklyRule rule(final JsonNode node, final String path, final ZoneId policyZone, final String defaultName) {
        requireMapping(node, path, RULE_KEYS, "a rule with days and optionally name, from, to, zone");
        var name = node.has("name") ? text(node.get("name"), join(path, "name"), "a name") : defaultName;
        var zone = node.has("zone") ? zone(node.get("zone"), join(path, "zone")) : policyZone;
        var days = days(node.get("days"), join(path, "days"));
        if (node.has("from") != node.has("to")) {
            var missing = node.has("from") ? "to" : "from";
            throw error(join(path, missing), "nothing", "both from and to, or neither for the whole day");
        }
        if (!node.has("from")) {
            return WeeklyRule.wholeDays(name, days, zone);
        }
        int from = clock(node.get("from"), join(path, "from"), false);
        int to = clock(node.get("to"), join(path, "to"), true);
        if (from == to) {
            throw error(join(path, "to"), "\"" + WeeklyRule.clock(to) + "\", the same as from",
                    "a different time (leave out from and to for the whole day)");
        }
        return new WeeklyRule(name, days, from, to, zone);
    }

    private Set<DayOfWeek> days(final JsonNode node, final String path) {
        if (node == null || node.isNull()) {
            throw error(path, "nothing", "a list of weekdays such as [tue, wed, thu]");
        }
        var items = new ArrayList<JsonNode>();
        if (node.isArray()) {
            node.forEach(items::add);
        }
        else {
            items.add(node);
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < items.size(); i++) {
            var itemPath = node.isArray() ? join(path, String.valueOf(i)) : path;
            var text = text(items.get(i), itemPath, "a weekday such as tue or a range such as mon-fri");
            var range = text.split("-", -1);
            if (range.length > 2) {
                throw error(itemPath, "\"" + text + "\"", "a weekday such as tue or a range such as mon-fri");
            }
            var first = day(range[0], itemPath);
            var last = range.length == 2 ? day(range[1], itemPath) : first;
            for (var d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        if (days.isEmpty()) {
            throw error(path, "an empty list", "at least one weekday such as [tue, wed, thu]");
        }
        return days;
    }

    private DayOfWeek day(final String name, final String path) {
        var d = DAYS.get(name.strip().toLowerCase(Locale.ROOT));
        if (d == null) {
            throw error(path, "\"" + name.strip() + "\"", "a weekday: mon, tue, wed, thu, fri, sat, sun");
        }
        return d;
    }

    private int clock(final JsonNode node, final String path, final boolean isEnd) {
        var expected = isEnd ? "a time of day \"HH:MM\" from \"00:01\" to \"24:00\""
                : "a time of day \"HH:MM\" from \"00:00\" to \"23:59\"";
        var text = text(node, path, expected);
        var m = CLOCK.matcher(text);
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(1));
            int minutes = Integer.parseInt(m.group(2));
            int total = hours * 60 + minutes;
            boolean valid = minutes < 60 && (isEnd ? total > 0 && total <= WeeklyRule.END_OF_DAY
                    : total < WeeklyRule.END_OF_DAY);
            if (valid) {
                return total;
            }
        }
        throw error(path, "\"" + text + "\"", expected);
    }

    private Blackout blackout(final JsonNode node, final String path, final ZoneId policyZone, final int index) {
        requireMapping(node, path, BLACKOUT_KEYS, "a blackout with from, to and optionally name, zone");
        var name = node.has("name") ? text(node.get("name"), join(path, "name"), "a name") : "blackout " + (index + 1);
        var zone = node.has("zone") ? zone(node.get("zone"), join(path, "zone")) : policyZone;
        var expected = "a date like 2026-12-23 or an instant like 2026-12-23T18:00:00Z";
        for (var key : List.of("from", "to")) {
            if (!node.has(key) || node.get(key).isNull()) {
                throw error(join(path, key), "nothing", expected);
            }
        }
        var fromText = text(node.get("from"), join(path, "from"), expected);
        var toText = text(node.get("to"), join(path, "to"), expected);
        var fromDate = date(fromText);
        var toDate = date(toText);
        if (fromDate != null && toDate != null) {
            if (toDate.isBefore(fromDate)) {
                throw error(join(path, "to"), toText + ", before from " + fromText,
                        "a date on or after from (both dates are inclusive)");
            }
            return Blackout.ofDates(name, fromDate, toDate, zone);
        }
        if (fromDate != null || toDate != null) {
            var key = fromDate != null ? "to" : "from";
            var instant = instant(fromDate != null ? toText : fromText, join(path, key), expected);
            throw error(join(path, key), "the instant " + instant + " while the other end is a date",
                    "both ends dates or both instants");
        }
        var fromInstant = instant(fromText, join(path, "from"), expected);
        var toInstant = instant(toText, join(path, "to"), expected);
        if (!toInstant.isAfter(fromInstant)) {
            throw error(join(path, "to"), toText + ", not after from " + fromText, "an instant after from");
        }
        return Blackout.ofInstants(name, fromInstant, toInstant);
    }

    private static LocalDate date(final String text) {
        try {
            return LocalDate.parse(text);
        }
        catch (DateTimeException e) {
            return null;
        }
    }

    private Instant instant(final String text, final String path, final String expected) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeException e) {
            throw error(path, "\"" + text + "\"", expected);
        }
    }

    private ZoneId zone(final JsonNode node, final String path) {
        var expected = "an IANA time zone such as UTC, Europe/Berlin or America/New_York";
        var text = text(node, path, expected);
        try {
            return ZoneId.of(text);
        }
        catch (DateTimeException e) {
            throw error(path, "unknown time zone \"" + text + "\"", expected);
        }
    }

    private String text(final JsonNode node, final String path, final String expected) {
        if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) {
            throw error(path, node == null ? "nothing" : describe(node), expected);
        }
        return node.asText().strip();
    }

    private void requireMapping(final JsonNode node, final String path, final Set<String> keys, final String expected) {
        if (node == null || !node.isObject()) {
            throw error(path, node == null ? "nothing" : describe(node), expected);
        }
        for (var e : node.properties()) {
            var name = e.getKey();
            if (!keys.contains(name)) {
                throw error(join(path, name), "an unknown key", "one of " + String.join(", ", keys.stream().sorted().toList()));
            }
        }
    }

    /** The elements of an optional list; none when the key is absent or empty. */
    private List<JsonNode> items(final JsonNode node, final String path) {
        var items = new ArrayList<JsonNode>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (!node.isArray()) {
            throw error(path, describe(node), "a list");
        }
        node.forEach(items::add);
        return items;
    }

    private static boolean isUnrestricted(final JsonNode node) {
        return node.isTextual() && UNRESTRICTED.equals(node.asText().strip());
    }

    private static String describe(final JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "nothing";
        }
        return node.isTextual() ? "\"" + node.asText() + "\"" : node.asText();
    }

    private InvalidInputException error(final String path, final String found, final String expected) {
        return new InvalidInputException(source + ": " + (path.isEmpty() ? "" : path + ": ") + "found " + found
                + ", expected " + expected);
    }

    private static String join(final String path, final String key) {
        return path == null || path.isEmpty() ? key : path + "/" + key;
    }

    private static Map<String, DayOfWeek> dayNames() {
        var names = new LinkedHashMap<String, DayOfWeek>();
        for (var d : DayOfWeek.values()) {
            var full = d.name().toLowerCase(Locale.ROOT);
            names.put(full, d);
            names.put(full.substring(0, 3), d);
        }
        return names;
    }
}
