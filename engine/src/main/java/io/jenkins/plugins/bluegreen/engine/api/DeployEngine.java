package io.jenkins.plugins.bluegreen.engine.api;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;

import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The engine's front door: everything a front end (the Jenkins steps, the CLI) asks of it. The
 * front end builds the request, supplies SSH access and a sink for progress events, and prints
 * what comes back; every decision is made behind this interface.
 *
 * <p>Each call blocks until done and throws {@link io.jenkins.plugins.bluegreen.engine.InvalidInputException}
 * for a mistake in the request or config, {@link DeployFailedException} when the hosts did not
 * cooperate; both messages name what happened and where traffic was left, and are masked.
 * {@code workspace} is the directory the config path is relative to; {@code environment} holds the
 * variables the config refers to, and nothing else is read: not the process environment.
 */
public interface DeployEngine {
    /**
     * Checks the window, takes the deploy lock, boots the release on the idle color of every host
     * and gates it on health; traffic stays on the live color.
     */
    StagedRelease stage(DeployRequest request, SshAccess ssh, Path workspace, DeployEnvironment environment,
                        EventSink events);

    /** Switches traffic to a staged release, watches the error rate, retires the old color, releases the lock. */
    DeployOutcome promote(StagedRelease staged, SshAccess ssh, Path workspace, DeployEnvironment environment,
                          EventSink events);

    /** Stops a staged release without touching traffic, records why, and releases the lock. */
    DeployOutcome abandon(StagedRelease staged, String why, SshAccess ssh, Path workspace,
                          DeployEnvironment environment, EventSink events);

    /** A whole deploy with nothing between the gate and the switch. */
    default DeployOutcome deploy(final DeployRequest request, final SshAccess ssh, final Path workspace,
                                 final DeployEnvironment environment, final EventSink events) {
        return promote(stage(request, ssh, workspace, environment, events), ssh, workspace, environment, events);
    }

    MigrationOutcome migrate(MigrationRequest request, SshAccess ssh, Path workspace, DeployEnvironment environment,
                             EventSink events);

    DeployOutcome rollback(RollbackRequest request, SshAccess ssh, Path workspace, DeployEnvironment environment,
                           EventSink events);

    /**
     * The environment variables the config at {@code configFile} (relative to {@code workspace}) with
     * {@code destination} merged over it refers to: the only ones a front end hands over.
     */
    Set<String> environmentNames(String configFile, String destination, Path workspace);

    /** Polls the URLs from where this runs; throws {@link DeployFailedException} naming the URL and check that failed. */
    GateOutcome healthGate(HealthGateRequest request, EventSink events);

    /**
     * The implementation this build ships, found with {@link ServiceLoader} in the engine's own class
     * loader (inside Jenkins, the plugin's), so front ends never name an implementation class.
     */
    static DeployEngine load() {
        return ServiceLoader.load(DeployEngine.class, DeployEngine.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new DeployFailedException("This build of the blue-green engine has no "
                        + DeployEngine.class.getName() + " implementation (META-INF/services entry missing)"));
    }
}
