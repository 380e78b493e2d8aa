package io.jenkins.plugins.bluegreen.engine.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;

/**
 * Decides whether one health response passes: status in range, then the body's {@code status} and
 * {@code checks} where the settings ask for them. Returns the reason on failure in on-call words:
 * {@code check redis: false}, not "assertion failed".
 */
final class ResponseRule {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GateSettings settings;

    ResponseRule(final GateSettings settings) {
        this.settings = settings;
    }

    /**
     * {@code null} when the response passes; otherwise why not. A bad status is reported together
     * with the failed checks, since a {@code /ready} endpoint answers 503 exactly when a check fails.
     */
    String failure(final GateTarget target, final int status, final String body) {
        var reasons = new ArrayList<String>();
        if (!settings.status().contains(status)) {
            reasons.add("status outside " + settings.status());
        }
        var json = parse(body);
        boolean statusOk = reasons.isEmpty();
        if (settings.jsonStatus() != null && statusOk) {
            var actual = json == null ? null : json.get("status");
            if (json == null) {
                reasons.add("body is not a JSON object");
            }
            else if (actual == null || !settings.jsonStatus().equals(actual.asText())) {
                reasons.add("body status " + (actual == null ? "missing" : actual) + ", expected \""
                        + settings.jsonStatus() + "\"");
            }
        }
        var checks = target.requireChecks() ? checks(json, reasons.isEmpty()) : null;
        if (checks != null) {
            reasons.add(checks);
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    /** Why the body's {@code checks} fail, or {@code null}; a missing map is reported only when nothing else failed. */
    private static String checks(final JsonNode json, final boolean reportMissing) {
        var checks = json == null ? null : json.get("checks");
        if (checks == null || !checks.isObject()) {
            if (!reportMissing) {
                return null;
            }
            return json == null ? "body is not a JSON object" : "body has no \"checks\" object";
        }
        var failed = new ArrayList<String>();
        checks.properties().forEach(e -> {
            if (!e.getValue().isBoolean() || !e.getValue().booleanValue()) {
                failed.add(e.getKey() + ": " + e.getValue());
            }
        });
        if (failed.isEmpty()) {
            return null;
        }
        return (failed.size() == 1 ? "check " : "checks ") + String.join(", ", failed);
    }

    private static JsonNode parse(final String body) {
        try {
            var node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        }
        catch (JsonProcessingException e) {
            return null;
        }
    }
}
