package io.jenkins.plugins.bluegreen.engine.api;

import java.io.Serializable;

/**
 * Runs the database migrations of a release before its code goes live (expand first, so the old
 * color keeps working against the new schema).
 *
 * @param configFile the Kamal config, relative to the workspace ({@code config/deploy.yml} when blank)
 * @param destination the Kamal destination, or {@code null}
 * @param version the release whose migrations run
 * @param requestedBy who asked for it, recorded with the schema change
 */
public record MigrationRequest(String configFile, String destination, String version, String requestedBy)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public MigrationRequest {
        configFile = Check.configFile(configFile);
        destination = Check.destination(destination);
        version = Check.version("version", version);
        requestedBy = Check.blankToNull(requestedBy);
    }
}
