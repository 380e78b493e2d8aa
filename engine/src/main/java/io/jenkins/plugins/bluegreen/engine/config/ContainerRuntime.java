package io.jenkins.plugins.bluegreen.engine.config;

import java.util.Locale;

/** The container engine on the hosts; both take the same run/stop/inspect arguments. */
public enum ContainerRuntime {
    DOCKER, PODMAN;

    /** The command name on the host. */
    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }
}
