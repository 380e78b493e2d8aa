package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.migrate.ReleaseMigrations;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.Connector;
import io.jenkins.plugins.bluegreen.engine.rollback.Rollback;

/**
 * A {@link Rollback} wired as the config says, the same for the CLI and the Jenkins steps: traffic
 * moves with the config's switch, a release no longer warm is booted again by
 * {@link BlueGreenDeploy#redeploy}, the workers of a warm one move back with
 * {@link BlueGreenDeploy#workerReturn}, and a schema rollback runs the config's
 * {@code migrations.rollback_command} on the primary host.
 */
public final class ConfigRollback {
    private ConfigRollback() {
    }

    /**
     * @param connector what a reboot's deploy cleans up with should the rollback be cancelled
     * @param connections the connections the rollback runs on; the schema rollback uses the primary's
     * @param requestedBy recorded on the containers a reboot starts
     */
    public static Rollback of(final LoadedConfig loaded, final Connector connector, final Connections connections,
                              final String requestedBy, final EventSink events) {
        var config = loaded.config();
        var service = new Service(config.service(), config.destination().orElse(null));
        var containers = new ContainerCommands(config.extension().runtime(), config.extension().runDirectory());
        var deploy = new BlueGreenDeploy(loaded, connector, events);
        var migrations = new ReleaseMigrations(loaded, events);
        return new Rollback(service, config.primaryRoleName(), config.extension().ports(), config.image(), containers,
                ConfigWiring.trafficSwitch(config, events), events)
                .withBooter((version, image, held) -> deploy.redeploy(version, requestedBy, held).asOutcome())
                .withWorkers(deploy.workerReturn(requestedBy, connections))
                .withSchemaRollback(change -> migrations.rollBack(connections.get(migrations.primary()), change.steps()));
    }
}
