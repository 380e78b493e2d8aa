package io.jenkins.plugins.bluegreen.engine.migrate;

import io.jenkins.plugins.bluegreen.engine.container.RegistryLogin;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration run of a release: where it runs, who asked, and whether the caller already holds
 * the deploy lock.
 *
 * @param color the color the release is going to, written into the ledger entry
 * @param image the release's image, {@code null} for setups without containers
 * @param registry where a host without the image logs in before pulling it; empty for a public
 *                 registry or images already on the hosts
 * @param primary the primary role's first host: the only host the migrations run on
 * @param recordOn the hosts whose history gets the MIGRATE entry (the primary first), so any of them
 *                 can tell a later rollback what this release changed
 * @param secrets values of the container's secret env names, written to its env file from stdin
 * @param workspace the checked-out release, for linting and counting its migration files; empty when
 *                  the caller has none (the CLI without --dir, a rerun)
 * @param message why (a build URL, a ticket), may be {@code null}
 */
public record MigrationPlan(Service service, String version, Color color, String image,
                            Optional<RegistryLogin> registry, Host primary,
                            List<Host> recordOn, Map<String, String> secrets, Optional<Path> workspace,
                            DeployStamp stamp, Locking locking, String message) {
    /** Who takes the deploy lock of the service on the primary host. */
    public enum Locking {
        /** The runner takes the lock for the run and releases it after: a migration on its own. */
        TAKE,
        /** The caller (a deploy) already holds it and keeps it; the runner only checks it is held. */
        HELD_BY_CALLER
    }

    public MigrationPlan {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(locking, "locking");
        recordOn = recordOn == null || recordOn.isEmpty() ? List.of(primary) : List.copyOf(recordOn);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        workspace = workspace == null ? Optional.empty() : workspace;
        registry = registry == null ? Optional.empty() : registry;
    }

    /** This plan recording its MIGRATE entry on {@code hosts} (the deploy's hosts) instead. */
    public MigrationPlan withRecordOn(final List<Host> hosts) {
        return new MigrationPlan(service, version, color, image, registry, primary, hosts, secrets, workspace, stamp,
                locking, message);
    }
}
