package io.jenkins.plugins.bluegreen.engine.container;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.RunOption;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One color of one role of a service, as it should run on a host. Built from the deploy config by
 * the orchestrator; validated here so every builder can trust it.
 *
 * @param env clear environment values, passed as {@code --env K=V}
 * @param secretEnv NAMES of secret variables; their values go through an env file, never a command line
 * @param volumes {@code host-path:container-path[:options]} as docker and podman take them
 * @param options the role's run flags ({@code --cpus 2}, {@code --memory 512MB}, {@code --cap-add ...}), in file order
 * @param labels extra labels from the config, next to the ones the ledger reads
 * @param cmd arguments after the image; empty to use the image's own command
 * @param hostPort the port this color publishes on the host (each color has its own); {@link #NO_PORT} for a
 *                 role without traffic (a worker), which publishes nothing, as in Kamal
 * @param appPort the port the app listens on inside the container
 * @param publishAllInterfaces {@code false} (the default) publishes on 127.0.0.1 only, for a proxy on the same host
 */
public record ContainerSpec(Service service, String role, Color color, String image, String version,
                            Map<String, String> env, List<String> secretEnv, List<String> volumes,
                            List<RunOption> options, Map<String, String> labels, List<String> cmd,
                            int hostPort, int appPort, boolean publishAllInterfaces) {
    /** The {@code hostPort} of a role that takes no traffic: nothing is published. */
    public static final int NO_PORT = 0;

    private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CPUS = Pattern.compile("\\d{1,4}(\\.\\d{1,3})?");

    public ContainerSpec {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(color, "color");
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new InvalidInputException("role: expected lower-case letters, digits, '.', '_' or '-', got '" + role + "'");
        }
        image = required("image", image);
        version = required("version", version);
        env = sorted(env);
        secretEnv = secretEnv == null ? List.of() : secretEnv.stream().sorted().distinct().toList();
        env.keySet().forEach(k -> envName("env", k));
        secretEnv.forEach(k -> envName("env.secret", k));
        for (String k : secretEnv) {
            if (env.containsKey(k)) {
                throw new InvalidInputException("env: " + k + " is both clear and secret; expected it in one list");
            }
        }
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        for (String v : volumes) {
            if (v.isBlank() || v.indexOf(':') <= 0) {
                throw new InvalidInputException("volumes: expected host-path:container-path, got '" + v + "'");
            }
        }
        options = options == null ? List.of() : List.copyOf(options);
        for (RunOption option : options) {
            var value = option.value().orElse("").strip();
            if (option.name().equals("cpus") && (!CPUS.matcher(value).matches() || Double.parseDouble(value) == 0)) {
                throw new InvalidInputException("options.cpus: expected a positive number like 2 or 0.5, got '" + value + "'");
            }
            if (option.name().equals("memory")) {
                MemoryLimit.toRuntimeFlag(value, "options.memory");
            }
        }
        labels = sorted(labels);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        if (hostPort != NO_PORT) {
            port("ports." + color.label(), hostPort);
        }
        port("app_port", appPort);
    }

    /** {@code <service>[-<destination>]-<role>-<color>}: one fixed name per slot, found again by the next deploy. */
    public String containerName() {
        return service.qualified() + "-" + role + "-" + color.label();
    }

    private static String required(final String key, final String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(key + ": expected a value, got none");
        }
        return value.strip();
    }

    private static Map<String, String> sorted(final Map<String, String> map) {
        // Sorted so the same config renders the same command every time (and tests compare strings).
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    private static void envName(final String key, final String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new InvalidInputException(key + ": expected a variable name like DATABASE_URL, got '" + name + "'");
        }
    }

    private static void port(final String key, final int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(key + ": expected a port from 1 to 65535, got " + port);
        }
    }
}
