package io.jenkins.plugins.bluegreen.engine.config;

import java.util.Set;

/**
 * The host ports the two colors publish (so both can run side by side on one host) and the port the
 * app listens on inside its container.
 */
public record Ports(int blue, int green, int app) {
    public static final int DEFAULT_BLUE = 3001;
    public static final int DEFAULT_GREEN = 3002;
    /** As in the health check of the procedure this plugin automates: {@code http://...:3000/health}. */
    public static final int DEFAULT_APP = 3000;
    private static final Set<String> KEYS = Set.of("blue", "green");

    static Ports from(final ConfigNode ports, final ConfigNode appPort, final int defaultAppPort) {
        if (ports.present() && !ports.isMap()) {
            ports.expected("a map with blue and green");
        }
        ports.allowKeys(KEYS, Set.of());
        int blue = ports.at("blue").port(DEFAULT_BLUE);
        int green = ports.at("green").port(DEFAULT_GREEN);
        if (blue == green) {
            ports.at("green").error("expected a port different from blue's, got " + green + " for both");
        }
        return new Ports(blue, green, appPort.port(defaultAppPort));
    }
}
