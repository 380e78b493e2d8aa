package io.jenkins.plugins.bluegreen.engine.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Who holds a deploy lock, as written into the lock's details file.
 *
 * @param version the version being deployed, {@code null} for operations without one
 * @param message why (a build URL, a reason), may be {@code null}
 */
public record LockHolder(DeployStamp stamp, String version, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A holder whose details file was empty or unreadable: the lock is held all the same. */
    static final LockHolder UNKNOWN = new LockHolder(null, null, null);

    String toJson() {
        var o = JSON.createObjectNode();
        o.put("by", stamp.by());
        o.put("at", stamp.at().toString());
        if (version != null) {
            o.put("version", version);
        }
        if (message != null) {
            o.put("message", message);
        }
        return o.toString();
    }

    static LockHolder parse(final String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.hasNonNull("by") || !n.hasNonNull("at")) {
                return UNKNOWN;
            }
            return new LockHolder(new DeployStamp(Instant.parse(n.get("at").asText()), n.get("by").asText()),
                    n.hasNonNull("version") ? n.get("version").asText() : null,
                    n.hasNonNull("message") ? n.get("message").asText() : null);
        }
        catch (JsonProcessingException | DateTimeParseException e) {
            return UNKNOWN;
        }
    }

    /** {@code alice since 2026-11-24T10:15:30Z deploying v2 (release train 42)}. */
    public String describe() {
        if (stamp == null) {
            return "an unknown holder (the lock's details file is missing or unreadable)";
        }
        return stamp.by() + " since " + stamp.at()
                + (version == null ? "" : " deploying " + version)
                + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
