package io.jenkins.plugins.bluegreen.engine.container;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.Locale;

/** The container CLI on the hosts. Both take the same flags except where a method here says otherwise. */
public enum ContainerRuntime {
    DOCKER, PODMAN;

    public String program() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The flag of {@code stop} giving the seconds before SIGKILL. docker 23 renamed {@code --time} to
     * {@code --timeout}, and docker 20.10 (still Debian 12's) knows only the old name; {@code -t} means
     * the same in every version.
     */
    String stopTimeoutFlag() {
        return this == DOCKER ? "-t" : "--time";
    }

    public static ContainerRuntime parse(final String text, final String where) {
        for (ContainerRuntime r : values()) {
            if (r.program().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return r;
            }
        }
        throw new InvalidInputException(where + ": expected docker or podman, got '" + text + "'");
    }
}
