package io.jenkins.plugins.bluegreen.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Container labels from {@code labels} and a role's {@code labels}. Keys are checked at load: the
 * runtime takes the last {@code --label} of a key, so a user label named like one the release
 * ledger reads ({@code bluegreen.version}) would silently rewrite the deploy history.
 */
final class Labels {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final String LEDGER_PREFIX = "bluegreen.";
    /** Kamal sets these on every container and refuses them as role labels. */
    private static final Set<String> KAMAL_RESERVED = Set.of("service", "role", "destination");

    private Labels() {
    }

    static Map<String, String> from(final ConfigNode node, final boolean role) {
        var labels = new LinkedHashMap<String, String>();
        node.entries("a map of labels").forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                value.error("expected a label name of letters, digits and '.', '_' or '-' between them, got "
                        + ConfigNode.quote(key));
            }
            else if (key.startsWith(LEDGER_PREFIX)) {
                value.error("expected a label name not starting with '" + LEDGER_PREFIX + "' (the deploy sets those"
                        + " labels itself), got " + ConfigNode.quote(key));
            }
            else if (role && KAMAL_RESERVED.contains(key)) {
                value.error("expected a label name other than service, role and destination (Kamal reserves them"
                        + " for role labels), got " + ConfigNode.quote(key));
            }
            else {
                value.text("a plain value").ifPresent(v -> labels.put(key, v));
            }
        });
        return ConfigMaps.ordered(labels);
    }
}
