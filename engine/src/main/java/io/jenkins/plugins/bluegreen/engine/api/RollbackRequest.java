package io.jenkins.plugins.bluegreen.engine.api;

import java.io.Serializable;

/**
 * Puts a previous release back in front of the traffic, and optionally its schema too.
 *
 * @param configFile the Kamal config, relative to the workspace ({@code config/deploy.yml} when blank)
 * @param destination the Kamal destination, or {@code null}
 * @param toVersion the release to return to, or {@code null} for the one live before the current
 * @param schema whether to roll the database schema back to what {@code toVersion} ran with
 * @param requestedBy who asked for it, recorded in the release history
 * @param reason why, recorded in the release history and the notification
 */
public record RollbackRequest(String configFile, String destination, String toVersion, boolean schema,
                              String requestedBy, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RollbackRequest {
        configFile = Check.configFile(configFile);
        destination = Check.destination(destination);
        toVersion = Check.optionalVersion("toVersion", toVersion);
        requestedBy = Check.blankToNull(requestedBy);
        reason = Check.blankToNull(reason);
    }
}
