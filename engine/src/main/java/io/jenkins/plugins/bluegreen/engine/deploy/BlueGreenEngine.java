package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.api.DeployEngine;
import io.jenkins.plugins.bluegreen.engine.api.DeployEnvironment;
import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.api.DeployRequest;
import io.jenkins.plugins.bluegreen.engine.api.GateOutcome;
import io.jenkins.plugins.bluegreen.engine.api.HealthGateRequest;
import io.jenkins.plugins.bluegreen.engine.api.MigrationOutcome;
import io.jenkins.plugins.bluegreen.engine.api.MigrationRequest;
import io.jenkins.plugins.bluegreen.engine.api.RollbackRequest;
import io.jenkins.plugins.bluegreen.engine.api.SshAccess;
import io.jenkins.plugins.bluegreen.engine.api.StagedRelease;
import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import io.jenkins.plugins.bluegreen.engine.config.SecretRef;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.health.GateResult;
import io.jenkins.plugins.bluegreen.engine.health.GateSettings;
import io.jenkins.plugins.bluegreen.engine.health.GateTarget;
import io.jenkins.plugins.bluegreen.engine.health.HealthGate;
import io.jenkins.plugins.bluegreen.engine.health.StatusRange;
import io.jenkins.plugins.bluegreen.engine.migrate.ReleaseMigrations;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.ssh.JumpHost;
import io.jenkins.plugins.bluegreen.engine.ssh.SshConnector;
import io.jenkins.plugins.bluegreen.engine.ssh.SshKey;
import io.jenkins.plugins.bluegreen.engine.ssh.SshSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine behind the Jenkins steps, found by {@link DeployEngine#load()}: each call loads the
 * config from the workspace, connects with the SSH access the front end gives, and runs
 * {@link BlueGreenDeploy}. A staged release carries plain values only, so a promote after a
 * controller restart picks up on the hosts where the stage left off.
 */
public final class BlueGreenEngine implements DeployEngine {
    /** Each poll of a {@code healthGate} step's URL may take this long. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public StagedRelease stage(final DeployRequest request, final SshAccess ssh, final Path workspace,
                               final DeployEnvironment environment, final EventSink events) {
        var loaded = load(request, workspace, environment);
        var message = request.hotfix() ? "hotfix: " + request.reason() : request.reason();
        var staged = deploy(loaded, request, ssh, environment, events).stage(new DeployPlan(request.version(), request.requestedBy(),
                message, false, false, null, null));
        return new StagedRelease(request, staged.color().label(), staged.previousVersion(), hosts(loaded),
                staged.phases());
    }

    @Override
    public DeployOutcome promote(final StagedRelease staged, final SshAccess ssh, final Path workspace,
                                 final DeployEnvironment environment, final EventSink events) {
        var loaded = load(staged.request(), workspace, environment);
        return deploy(loaded, staged.request(), ssh, environment, events).promote(staged(staged), SwitchGuard.ALWAYS).asOutcome();
    }

    @Override
    public DeployOutcome abandon(final StagedRelease staged, final String why, final SshAccess ssh,
                                 final Path workspace, final DeployEnvironment environment, final EventSink events) {
        var loaded = load(staged.request(), workspace, environment);
        var result = deploy(loaded, staged.request(), ssh, environment, events).abandon(staged(staged), why);
        return new DeployOutcome(staged.liveVersion(), staged.liveVersion(), Color.parse(staged.idleColor(),
                "idle color").other().label(), staged.hosts(), result.phases(), null);
    }

    @Override
    public MigrationOutcome migrate(final MigrationRequest request, final SshAccess ssh, final Path workspace,
                                    final DeployEnvironment environment, final EventSink events) {
        var loaded = load(request.configFile(), request.destination(), workspace, environment);
        var migrations = new ReleaseMigrations(loaded, events);
        try (var connections = new Connections(connector(loaded, ssh, environment, events))) {
            var result = migrations.run(connections, request.version(),
                    new DeployStamp(Instant.now(), request.requestedBy()), null, Optional.of(workspace));
            return new MigrationOutcome(result.version(), result.schemaBefore(), result.schemaAfter(),
                    result.applied().orElse(null), result.duration());
        }
    }

    @Override
    public DeployOutcome rollback(final RollbackRequest request, final SshAccess ssh, final Path workspace,
                                  final DeployEnvironment environment, final EventSink events) {
        var loaded = load(request.configFile(), request.destination(), workspace, environment);
        var connector = connector(loaded, ssh, environment, events);
        try (var connections = new Connections(connector)) {
            var hosts = loaded.config().primaryRole().hosts().stream().map(connections::get).toList();
            return ConfigRollback.of(loaded, connector, connections, request.requestedBy(), events).run(hosts, request);
        }
    }

    @Override
    public GateOutcome healthGate(final HealthGateRequest request, final EventSink events) {
        var gate = request.gate();
        var settings = new GateSettings(gate.interval(), REQUEST_TIMEOUT, gate.timeout(), 0, gate.successes(),
                StatusRange.SUCCESS, null);
        var targets = request.urls().stream().map(u -> new GateTarget(null, u.toString())).toList();
        var results = GateResult.orThrow(new HealthGate(settings, events, SecretMask.none()).withoutBodyExcerpts()
                .await(targets));
        int polls = results.stream().mapToInt(GateResult::attempts).max().orElse(0);
        var took = results.stream().map(GateResult::elapsed).max(Duration::compareTo).orElse(Duration.ZERO);
        return new GateOutcome(request.urls(), polls, took);
    }

    @Override
    public Set<String> environmentNames(final String configFile, final String destination, final Path workspace) {
        return load(configFile, destination, workspace, DeployEnvironment.NONE).config().references().stream()
                .map(SecretRef::name).collect(Collectors.toUnmodifiableSet());
    }

    private static LoadedConfig load(final DeployRequest request, final Path workspace, final DeployEnvironment environment) {
        return load(request.configFile(), request.destination(), workspace, environment);
    }

    /** References resolve in the environment handed over, and only there. */
    private static LoadedConfig load(final String configFile, final String destination, final Path workspace,
                                     final DeployEnvironment environment) {
        return ConfigLoader.loadInWorkspace(workspace, configFile, Optional.ofNullable(destination), environment::get);
    }

    /** The deploy of {@code request}, gated as its step says when it says so, else as the config does. */
    private static BlueGreenDeploy deploy(final LoadedConfig loaded, final DeployRequest request, final SshAccess ssh,
                                          final DeployEnvironment environment, final EventSink events) {
        var config = loaded.config();
        var step = request.gate();
        var gate = step == null ? config.extension().gate()
                : config.extension().gate().withPolling(step.interval(), step.timeout(), step.successes());
        return new BlueGreenDeploy(loaded, connector(loaded, ssh, environment, events), events, gate);
    }

    private static SshConnector connector(final LoadedConfig loaded, final SshAccess ssh,
                                          final DeployEnvironment environment, final EventSink events) {
        var config = loaded.config();
        var mask = loaded.secretMask().with(ssh.secrets()).with(environment.secrets());
        var keys = new ArrayList<SshKey>();
        for (String key : ssh.privateKeys()) {
            keys.add(SshKey.of(ssh.credentialsId(), key, ssh.passphrase()));
        }
        var user = ssh.username() == null ? config.ssh().user() : ssh.username();
        var settings = SshSettings.of(user, keys, ssh.knownHosts()).withPort(config.ssh().port());
        var proxied = config.ssh().proxy().map(p -> settings.withProxy(JumpHost.parse(p))).orElse(settings);
        return new SshConnector(proxied, mask, events);
    }

    /** The stage's values as the orchestration needs them again. */
    private static StagedDeploy staged(final StagedRelease staged) {
        var request = staged.request();
        var color = Color.parse(staged.idleColor(), "idle color");
        var message = request.hotfix() ? "hotfix: " + request.reason() : request.reason();
        return new StagedDeploy(request.version(), request.requestedBy(), message, false, color,
                staged.liveVersion() == null ? null : color.other(), staged.liveVersion(), Instant.now(),
                staged.phases(), List.of());
    }

    private static List<String> hosts(final LoadedConfig loaded) {
        return loaded.config().allHosts().stream().map(Host::toString).toList();
    }
}
