package io.jenkins.plugins.bluegreen.engine.config;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The container registry the hosts pull from, and how to log in to it. A local registry
 * ({@code localhost:5555}) needs no login, as in Kamal; any other needs a username and a password.
 */
public record Registry(String server, Optional<Credentials> credentials) {
    /** Kamal's default: Docker Hub. */
    public static final String DOCKER_HUB = "docker.io";
    private static final Set<String> KEYS = Set.of("server", "username", "password");
    /** Kamal's test for a local registry: the server is localhost with a port. */
    private static final Pattern LOCAL = Pattern.compile("localhost:\\d+");

    /**
     * The login. The password may be written out (Kamal allows it; loading warns) or be a reference;
     * either way its value is a secret and is masked in all output.
     */
    public record Credentials(ConfigValue username, ConfigValue password) {
    }

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
        if (!HostName.valid(server)) {
            node.at("server").expected("a registry host name with an optional :port, like ghcr.io or localhost:5555");
        }
        if (LOCAL.matcher(server).matches() && !node.at("username").present() && !node.at("password").present()) {
            node.at("server").warn("a local registry; Kamal forwards it to each host over SSH, blue-green deploys do"
                    + " not: each host pulls from its own " + server + ", without logging in");
            return Optional.of(new Registry(server, Optional.empty()));
        }
        var username = credential(node.at("username"));
        var password = credential(node.at("password"));
        password.filter(ConfigValue.Literal.class::isInstance).ifPresent(literal -> node.at("password").warn(
                "the password is written in the file (it is masked in all output, but the file lives in git);"
                        + " use an environment reference like $REGISTRY_PASSWORD or [REGISTRY_PASSWORD]"));
        if (username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Registry(server, Optional.of(new Credentials(username.get(), password.get()))));
    }

    /** {@code $NAME}, {@code ${NAME}}, Kamal's one-item list {@code [NAME]}, or a literal. */
    private static Optional<ConfigValue> credential(final ConfigNode node) {
        if (!node.present()) {
            node.error("expected a value or an environment reference like $NAME, got nothing (only a local registry"
                    + " such as localhost:5555 may go without credentials)");
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
