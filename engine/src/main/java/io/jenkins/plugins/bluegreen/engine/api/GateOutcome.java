package io.jenkins.plugins.bluegreen.engine.api;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A health gate that passed: every URL answered healthy often enough in a row. */
public record GateOutcome(List<URI> urls, int polls, Duration duration) implements Serializable {
    private static final long serialVersionUID = 1L;

    public GateOutcome {
        urls = List.copyOf(urls);
    }

    /** The outcome as plain values for a pipeline script; the duration is in milliseconds. */
    public Map<String, Object> asMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("urls", urls.stream().map(URI::toString).toList());
        map.put("polls", polls);
        map.put("durationMillis", duration.toMillis());
        return map;
    }
}
