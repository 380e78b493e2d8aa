package io.jenkins.plugins.bluegreen.engine.config;

import java.util.Optional;
import java.util.Set;

/**
 * How to reach the hosts: SSH user and port (Kamal's defaults root and 22) and an optional jump
 * host written {@code host} or {@code user@host}. Keys come from Jenkins credentials, not from here.
 */
public record Ssh(String user, int port, Optional<String> proxy) {
    public static final String DEFAULT_USER = "root";
    public static final int DEFAULT_PORT = 22;
    private static final Set<String> KEYS = Set.of("user", "port", "proxy");
    private static final Set<String> KAMAL_ONLY = Set.of("proxy_command", "log_level", "keys_only", "keys", "key_data", "config",
            "forward_agent");

    static Ssh from(final ConfigNode node) {
        if (node.present() && !node.isMap()) {
            node.expected("a map with user, port and proxy");
        }
        node.allowKeys(KEYS, KAMAL_ONLY);
        return new Ssh(node.at("user").text("a user name", DEFAULT_USER), node.at("port").port(DEFAULT_PORT),
                node.at("proxy").text("a jump host like bastion.internal or deploy@bastion.internal"));
    }
}
