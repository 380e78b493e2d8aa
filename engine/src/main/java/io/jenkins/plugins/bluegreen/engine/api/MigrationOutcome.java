package io.jenkins.plugins.bluegreen.engine.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a migration run changed: the schema version before and after and the migrations applied
 * (empty when the schema was already current).
 */
public record MigrationOutcome(String version, String schemaBefore, String schemaAfter, List<String> applied,
                               Duration duration) implements Serializable {
    private static final long serialVersionUID = 1L;

    public MigrationOutcome {
        applied = List.copyOf(applied);
    }

    /** The outcome as plain values for a pipeline script; the duration is in milliseconds. */
    public Map<String, Object> asMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("version", version);
        map.put("schemaBefore", schemaBefore);
        map.put("schemaAfter", schemaAfter);
        map.put("applied", new ArrayList<>(applied));
        map.put("durationMillis", duration.toMillis());
        return map;
    }
}
