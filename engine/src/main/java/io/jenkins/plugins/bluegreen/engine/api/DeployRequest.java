package io.jenkins.plugins.bluegreen.engine.api;

import java.io.Serializable;

/**
 * One blue-green deploy as a pipeline or the CLI asked for it: which config, which destination,
 * which release, and how the new color is gated before traffic moves.
 *
 * @param configFile the Kamal config, relative to the workspace ({@code config/deploy.yml} when blank)
 * @param destination the Kamal destination ({@code production} reads {@code config/deploy.production.yml}), or {@code null}
 * @param version the release to deploy: the image tag
 * @param requestedBy who asked for it (a user id), recorded in the release history
 * @param hotfix whether this is a hotfix that may override a closed deployment window
 * @param reason why; required for a hotfix
 * @param gate how often, how long and how many healthy answers in a row the new color is gated
 *             before the switch, or {@code null} for the config's {@code x-bluegreen.gate}
 */
public record DeployRequest(String configFile, String destination, String version, String requestedBy,
                            boolean hotfix, String reason, GateSettings gate) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DeployRequest {
        configFile = Check.configFile(configFile);
        destination = Check.destination(destination);
        version = Check.version("version", version);
        requestedBy = Check.blankToNull(requestedBy);
        reason = Check.blankToNull(reason);
        if (hotfix) {
            Check.notBlank("reason", reason, "why this hotfix cannot wait for the deployment window");
        }
    }
}
