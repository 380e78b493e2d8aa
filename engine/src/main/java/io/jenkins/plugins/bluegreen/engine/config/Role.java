package io.jenkins.plugins.bluegreen.engine.config;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A group of hosts running the same container with the same settings ({@code web}, {@code job}).
 * {@code env} is already merged over the top-level env; {@code options} are container run flags
 * ({@code --cpus 2}, {@code --memory 512MB}) in file order.
 */
public record Role(String name, List<Host> hosts, List<RunOption> options, Map<String, String> labels,
        Optional<String> cmd, Env env) {
    private static final Set<String> KEYS = Set.of("hosts", "options", "labels", "cmd", "env");
    private static final Set<String> KAMAL_ONLY = Set.of("proxy", "logging", "asset_path", "healthcheck", "traefik", "stop_timeout");

    public Role {
        hosts = List.copyOf(hosts);
        options = List.copyOf(options);
        labels = ConfigMaps.ordered(labels);
    }

    /** Reads {@code servers}: a plain host list (one role, {@code web}) or a map of role names to roles. */
    static List<Role> allFrom(final ConfigNode servers, final Env globalEnv) {
        if (!servers.present()) {
            servers.error("expected a list of hosts or a map of roles, got nothing");
            return List.of();
        }
        if (servers.isList()) {
            return List.of(new Role("web", hosts(servers), List.of(), Map.of(), Optional.empty(), globalEnv));
        }
        var roles = new ArrayList<Role>();
        servers.entries("a list of hosts or a map of roles").forEach((name, node) -> roles.add(from(name, node, globalEnv)));
        return roles;
    }

    private static Role from(final String name, final ConfigNode node, final Env globalEnv) {
        if (node.isList()) {
            return new Role(name, hosts(node), List.of(), Map.of(), Optional.empty(), globalEnv);
        }
        if (!node.isMap()) {
            node.expected("a list of hosts or a map with hosts");
            return new Role(name, List.of(), List.of(), Map.of(), Optional.empty(), globalEnv);
        }
        node.allowKeys(KEYS, KAMAL_ONLY);
        return new Role(name, hosts(node.at("hosts")), RunOption.allFrom(node.at("options")),
                Labels.from(node.at("labels"), true), node.at("cmd").text("a command"),
                globalEnv.with(Env.from(node.at("env"), false)));
    }

    private static List<Host> hosts(final ConfigNode list) {
        var hosts = new LinkedHashMap<String, Host>();
        for (ConfigNode item : list.items("a list of hosts")) {
            String text;
            if (item.isMap() && item.json().size() == 1) {
                // "host: tag" or "host: [tags]": Kamal's per-host env tags, which we do not use.
                text = item.json().fieldNames().next();
                item.problems().ignoredKamalKey(item.path() + " (host tags)");
            }
            else if (item.json().isTextual()) {
                text = item.json().asText();
            }
            else {
                item.expected("a host name");
                continue;
            }
            if (item.isReference(text, "a host name")) {
                continue;
            }
            try {
                var host = Host.parse(text);
                if (!HostName.valid(text)) {
                    item.error("expected " + HostName.EXPECTED + ", got " + ConfigNode.quote(text));
                }
                else if (hosts.putIfAbsent(host.toString(), host) != null) {
                    item.error("expected each host once, got '" + host + "' again");
                }
            }
            catch (InvalidInputException e) {
                item.error(e.getMessage());
            }
        }
        return List.copyOf(hosts.values());
    }
}
