package io.jenkins.plugins.bluegreen.engine.config;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.remote.BootLimit;

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
        return new Boot(limit(node.at("limit")), node.at("wait").duration(Duration.ZERO));
    }

    private static BootLimit limit(final ConfigNode node) {
        if (!node.present()) {
            return BootLimit.all();
        }
        try {
            return BootLimit.parse(node.json().isValueNode() ? node.json().asText() : "");
        }
        catch (InvalidInputException e) {
            // Reported in the file's own words, with its line and column.
            node.expected("a number of hosts of at least 1 or a percentage like 25%");
            return BootLimit.all();
        }
    }
}
