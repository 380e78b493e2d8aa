package io.jenkins.plugins.bluegreen.engine.migrate;

import java.time.Duration;
import java.util.Optional;

/**
 * What a migration run did.
 *
 * @param schemaBefore the status command's version before, {@code null} for an empty database
 * @param schemaAfter the status command's version after
 * @param applied how many migrations ran, empty when that could not be told (see {@link SchemaStatus})
 * @param backup the backup script as it ran (where the dump went), empty without a backup command
 */
public record MigrationResult(String version, String schemaBefore, String schemaAfter, Optional<Integer> applied,
                              Optional<String> backup, Duration duration) {
}
