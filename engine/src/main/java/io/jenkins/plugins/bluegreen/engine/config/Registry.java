package io.jenkins.plugins.bluegreen.engine.config;

import java.util.Optional;
import java.util.Set;

/**
 * The container registry the hosts pull from. The password is always an environment reference:
 * a config file lives in git, a registry token must not.
 */
public record Registry(String server, ConfigValue username, SecretRef password) {
    /** Kamal's default: Docker Hub. */
    public static final String DOCKER_HUB = "docker.io";
    private static final Set<String> KEYS = Set.of("server", "username", "password");

    static Optional<Registry> from(final ConfigNode node) {
        if (!node.present()) {
            return Optional.empty();
        }
        if (!node.isMap()) {
            node.expected("a map with server, username and password");
            return Optional.empty();
        }
        node.allowKeys(KEYS, Set.of());
        var server = node.at("server").text("a registry host name", DOCKER_HUB);
        var username = credential(node.at("username"));
        var password = credential(node.at("password"));
        if (password.isPresent() && !(password.get() instanceof SecretRef)) {
            node.at("password").error("expected an environment reference like $REGISTRY_PASSWORD or [REGISTRY_PASSWORD],"
                    + " got a literal value (keep secrets out of the config file)");
            return Optional.empty();
        }
        if (username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Registry(server, username.get(), (SecretRef) password.get()));
    }

    /** {@code $NAME}, {@code ${NAME}}, Kamal's one-item list {@code [NAME]}, or a literal. */
    private static Optional<ConfigValue> credential(final ConfigNode node) {
        if (!node.present()) {
            node.error("expected a value or an environment reference like $NAME, got nothing");
            return Optional.empty();
        }
        if (node.isList()) {
            if (node.json().size() == 1 && node.json().get(0).isTextual() && SecretRef.isName(node.json().get(0).asText())) {
                return Optional.of(new SecretRef(node.json().get(0).asText()));
            }
            node.error("expected a list holding one environment variable name like [REGISTRY_PASSWORD]");
            return Optional.empty();
        }
        if (!node.json().isValueNode()) {
            node.expected("a value or an environment reference like $NAME");
            return Optional.empty();
        }
        return Optional.of(ConfigValue.of(node.json().asText()));
    }
}
