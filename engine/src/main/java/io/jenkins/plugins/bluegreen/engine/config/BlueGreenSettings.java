package io.jenkins.plugins.bluegreen.engine.config;

import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import java.time.Duration;
import java.util.Set;

/**
 * Our own settings, under the one extension key {@value #KEY} so the file stays valid for Kamal.
 * {@code windows} and {@code approval} are handed raw to the packages that parse them.
 */
public record BlueGreenSettings(ContainerRuntime runtime, String runDirectory, Ports ports, Traffic traffic, Gate gate,
        Watch watch, Migrations migrations, ConfigSection windows, ConfigSection approval) {
    public static final String KEY = "x-bluegreen";
    /** Relative to the SSH user's home, as Kamal's {@code .kamal}. */
    public static final String DEFAULT_RUN_DIRECTORY = ".bluegreen";
    private static final Set<String> KEYS = Set.of("runtime", "run_directory", "ports", "app_port", "traffic", "gate",
            "watch", "migrations", "windows", "approval");

    static BlueGreenSettings from(final ConfigNode node, final String service, final int defaultAppPort,
            final Healthcheck healthcheck, final Duration deployTimeout) {
        if (node.present() && !node.isMap()) {
            node.expected("a map of blue-green settings");
        }
        node.allowKeys(KEYS, Set.of());
        var runDirectory = node.at("run_directory").text("a directory", DEFAULT_RUN_DIRECTORY);
        if (runDirectory.contains("..") || runDirectory.contains("\n")) {
            node.at("run_directory").expected("a directory without '..'");
        }
        return new BlueGreenSettings(node.at("runtime").choice(ContainerRuntime.DOCKER), runDirectory,
                Ports.from(node.at("ports"), node.at("app_port"), defaultAppPort), Traffic.from(node.at("traffic"), service),
                Gate.from(node.at("gate"), healthcheck, deployTimeout), Watch.from(node.at("watch")),
                Migrations.from(node.at("migrations")), new ConfigSection(node.at("windows")),
                new ConfigSection(node.at("approval")));
    }
}
