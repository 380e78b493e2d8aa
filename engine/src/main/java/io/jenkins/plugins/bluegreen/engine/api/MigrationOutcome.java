package io.jenkins.plugins.bluegreen.engine.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a migration run changed: the schema version before and after and how many migrations ran.
 *
 * @param schemaBefore {@code null} for an empty database
 * @param applied how many migrations ran (0 when the schema was already current), {@code null} when
 *                the status command's output could not tell
 */
public record MigrationOutcome(String version, String schemaBefore, String schemaAfter, Integer applied,
                               Duration duration) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The outcome as plain values for a pipeline script; the duration is in milliseconds. */
    public Map<String, Object> asMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("version", version);
        map.put("schemaBefore", schemaBefore);
        map.put("schemaAfter", schemaAfter);
        map.put("applied", applied);
        map.put("durationMillis", duration.toMillis());
        return map;
    }
}
