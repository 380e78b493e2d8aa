package io.jenkins.plugins.bluegreen.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Environment variables for the app container. {@code clear} values may be written out or be
 * references; {@code secret} ones are always references, passed to the container without ever being
 * written into a command line (Kamal's {@code env.secret}).
 */
public record Env(Map<String, ConfigValue> clear, Map<String, SecretRef> secret) {
    private static final Set<String> KEYS = Set.of("clear", "secret");

    public Env {
        clear = ConfigMaps.ordered(clear);
        secret = ConfigMaps.ordered(secret);
    }

    public static Env empty() {
        return new Env(Map.of(), Map.of());
    }

    /** This env with {@code over}'s variables added, {@code over} winning on equal names. */
    public Env with(final Env over) {
        var c = new LinkedHashMap<>(clear);
        var s = new LinkedHashMap<>(secret);
        over.clear.forEach((k, v) -> {
            s.remove(k);
            c.put(k, v);
        });
        over.secret.forEach((k, v) -> {
            c.remove(k);
            s.put(k, v);
        });
        return new Env(c, s);
    }

    /**
     * Reads {@code env: {KEY: value}} (all clear) or {@code env: {clear: {...}, secret: [NAME, NAME:SOURCE]}}.
     * {@code tags} is only valid at the top level.
     */
    static Env from(final ConfigNode node, final boolean topLevel) {
        if (!node.present()) {
            return empty();
        }
        if (!node.isMap()) {
            node.expected("a map of environment variables, or clear/secret");
            return empty();
        }
        var structured = node.json().has("clear") || node.json().has("secret") || node.json().has("tags");
        if (!structured) {
            return new Env(clearValues(node), Map.of());
        }
        node.allowKeys(KEYS, topLevel ? Set.of("tags") : Set.of());
        var secrets = new LinkedHashMap<String, SecretRef>();
        for (ConfigNode item : node.at("secret").items("a list of secret names")) {
            item.text("a secret name like DB_PASSWORD or DB_PASSWORD:SOURCE_NAME").ifPresent(text -> {
                // NAME:SOURCE passes the environment's SOURCE to the container as NAME (Kamal's aliased secrets).
                var parts = text.split(":", 2);
                var source = parts.length == 2 ? parts[1] : parts[0];
                if (!SecretRef.isName(parts[0]) || !SecretRef.isName(source)) {
                    item.expected("a secret name like DB_PASSWORD or DB_PASSWORD:SOURCE_NAME");
                }
                else {
                    secrets.put(parts[0], new SecretRef(source));
                }
            });
        }
        return new Env(clearValues(node.at("clear")), secrets);
    }

    private static Map<String, ConfigValue> clearValues(final ConfigNode node) {
        var values = new LinkedHashMap<String, ConfigValue>();
        node.entries("a map of environment variables").forEach((key, value) -> {
            if (!SecretRef.isName(key)) {
                value.error("expected an environment variable name (letters, digits, _), got " + ConfigNode.quote(key));
            }
            else if (value.present() && !value.json().isValueNode()) {
                value.expected("a plain value or an environment reference like $NAME");
            }
            else {
                values.put(key, ConfigValue.of(value.present() ? value.json().asText() : ""));
            }
        });
        return values;
    }
}
