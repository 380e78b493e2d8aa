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

    /** {@code null} when the response passes; otherwise why not. */
    String failure(final GateTarget target, final int status, final String body) {
        if (!settings.status().contains(status)) {
            return "status " + status + ", expected " + settings.status();
        }
        boolean checksRequired = Boolean.TRUE.equals(settings.requireChecks())
                || settings.requireChecks() == null && target.path().endsWith("/ready");
        boolean checksIgnored = Boolean.FALSE.equals(settings.requireChecks());
        if (settings.jsonStatus() == null && checksIgnored) {
            return null;
        }
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            return settings.jsonStatus() != null || checksRequired ? "body is not a JSON object" : null;
        }
        if (settings.jsonStatus() != null) {
            var actual = json.get("status");
            if (actual == null || !settings.jsonStatus().equals(actual.asText())) {
                return "body status " + (actual == null ? "missing" : actual) + ", expected \"" + settings.jsonStatus() + "\"";
            }
        }
        var checks = json.get("checks");
        if (checks == null || !checks.isObject()) {
            return checksRequired ? "body has no \"checks\" object" : null;
        }
        if (checksIgnored) {
            return null;
        }
        var failed = new ArrayList<String>();
        checks.fields().forEachRemaining(e -> {
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
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        }
        catch (JsonProcessingException e) {
            return null;
        }
    }
}
