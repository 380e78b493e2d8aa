package io.jenkins.plugins.bluegreen.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unmodifiable copies that keep file order, which {@link Map#copyOf} does not. */
final class ConfigMaps {
    private ConfigMaps() {
    }

    static <K, V> Map<K, V> ordered(final Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
