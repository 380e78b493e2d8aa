package io.jenkins.plugins.bluegreen.engine.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How live traffic is pointed at a color: by rewriting an nginx upstream include and reloading
 * nginx, or by a script of the team's own. {@code publicUrl} is where the switch is verified.
 */
public sealed interface Traffic permits Traffic.Nginx, Traffic.Script {
    String DEFAULT_PUBLIC_URL = "http://127.0.0.1:80";

    String publicUrl();

    /**
     * nginx on each host; {@code reload} and {@code test} replace the default reload and
     * configuration test commands when set (an nginx with its own prefix or config file needs both).
     */
    record Nginx(String upstreamFile, String publicUrl, Optional<String> reload, Optional<String> test)
            implements Traffic {
    }

    /** A command run on each host; {@link #PLACEHOLDERS} in it are replaced before it runs. */
    record Script(String switchCommand, String publicUrl) implements Traffic {
        public static final List<String> PLACEHOLDERS = List.of("{color}", "{port}", "{host}", "{version}");
    }

    static Traffic from(final ConfigNode node, final String service) {
        if (node.present() && !node.isMap()) {
            node.expected("a map with type and its settings");
        }
        var type = node.at("type").text("nginx or script", "nginx");
        var publicUrl = url(node.at("public_url"), DEFAULT_PUBLIC_URL);
        switch (type) {
            case "script" -> {
                node.allowKeys(Set.of("type", "switch", "public_url"), Set.of());
                var command = node.at("switch").required("a switch command with {color}, {port}, {host} or {version}");
                checkPlaceholders(node.at("switch"), command);
                return new Script(command, publicUrl);
            }
            case "nginx" -> {
                node.allowKeys(Set.of("type", "upstream_file", "public_url", "reload", "test"), Set.of());
                var file = node.at("upstream_file").text("an absolute file path", "/etc/nginx/conf.d/" + service + "-upstream.conf");
                if (!file.startsWith("/")) {
                    node.at("upstream_file").expected("an absolute file path");
                }
                return new Nginx(file, publicUrl, node.at("reload").text("a command"), node.at("test").text("a command"));
            }
            default -> {
                node.at("type").expected("one of nginx, script");
                return new Nginx("/etc/nginx/conf.d/" + service + "-upstream.conf", publicUrl, Optional.empty(),
                        Optional.empty());
            }
        }
    }

    private static void checkPlaceholders(final ConfigNode node, final String command) {
        var m = Pattern.compile("\\{[^{}\\s]*\\}").matcher(command);
        while (m.find()) {
            if (!Script.PLACEHOLDERS.contains(m.group())) {
                node.error("unknown placeholder " + m.group() + " (expected " + String.join(", ", Script.PLACEHOLDERS) + ")");
            }
        }
    }

    static String url(final ConfigNode node, final String fallback) {
        var url = node.text("an http:// or https:// URL", fallback);
        if (!url.matches("https?://[^\\s/]+.*")) {
            node.expected("an http:// or https:// URL");
            return fallback;
        }
        return url;
    }
}
