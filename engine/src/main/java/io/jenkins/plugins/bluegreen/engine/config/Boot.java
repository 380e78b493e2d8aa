package io.jenkins.plugins.bluegreen.engine.config;

import java.time.Duration;
import java.util.Set;

/** Rolling boot: hosts per batch ({@code limit}) and the pause between batches (Kamal's {@code wait}). */
public record Boot(BootLimit limit, Duration batchWait) {
    private static final Set<String> KEYS = Set.of("limit", "wait");
    private static final Set<String> KAMAL_ONLY = Set.of("parallel_roles");

    static Boot from(final ConfigNode node) {
        if (node.present() && !node.isMap()) {
            node.expected("a map with limit and wait");
        }
        node.allowKeys(KEYS, KAMAL_ONLY);
        return new Boot(BootLimit.from(node.at("limit")), node.at("wait").duration(Duration.ZERO));
    }
}
