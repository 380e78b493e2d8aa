package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.ledger.Ledger;
import io.jenkins.plugins.bluegreen.engine.ledger.LiveState;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Connector;
import io.jenkins.plugins.bluegreen.engine.remote.ForwardingConnection;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.testbed.FreePorts;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;
import io.jenkins.plugins.bluegreen.engine.traffic.TrafficSwitch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One service deployed on the hosts of a podman {@link TestBed}: its own name (so tests sharing a
 * bed never see each other's containers, ledger or lock), its own pair of color ports and its own
 * real nginx on every host. Every host is wired the same way, as the config's {@code x-bluegreen}
 * says (same ports, same upstream file path, same commands), so deploys run through the engine's
 * own {@link ConfigWiring}, as they do on a real fleet.
 */
final class DeployScenario {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Map<String, Path> SAVED = new HashMap<>();

    final String service;
    final LoadedConfig config;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    /** Every command the deploys sent, rendered, with its stdin if it had one. */
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final TestBed bed;
    private final List<NginxServer> nginx = new ArrayList<>();

    /**
     * @param extra YAML lines added under {@code x-bluegreen}, two-space indented (e.g. a watch section)
     */
    DeployScenario(final TestBed bed, final NginxExtension nginxes, final Path dir, final String... extra) {
        this(bed, nginxes, dir, Map.of(), List.of(), name -> null, NginxServer.AccessLog.OFF, log -> List.of(extra));
    }

    /**
     * A service whose nginx on every host writes {@code log} (the JSON access log of docs/traffic.md,
     * or nginx's own combined format, as a host set up without it would).
     *
     * @param extra the YAML lines added under {@code x-bluegreen}, given the access log's path as the hosts see it
     */
    static DeployScenario withAccessLog(final TestBed bed, final NginxExtension nginxes, final Path dir,
                                        final NginxServer.AccessLog log, final Function<String, List<String>> extra) {
        return new DeployScenario(bed, nginxes, dir, Map.of(), List.of(), name -> null, log, extra);
    }

    /**
     * A service with a {@code web} role taking the traffic and a {@code job} role without traffic
     * beside it on every host; both check readiness and drain within a second.
     *
     * @param topLevel YAML lines added at the top level (e.g. a registry section)
     * @param env the deploy's environment its references are resolved in
     */
    static DeployScenario withWorker(final TestBed bed, final NginxExtension nginxes, final Path dir,
                                     final List<String> topLevel, final Function<String, String> env,
                                     final String... extra) {
        return withWorker(bed, nginxes, dir, null, topLevel, env, extra);
    }

    /** @param jobCmd the {@code job} role's {@code cmd}, {@code null} for the image's own */
    static DeployScenario withWorker(final TestBed bed, final NginxExtension nginxes, final Path dir,
                                     final String jobCmd, final List<String> topLevel,
                                     final Function<String, String> env, final String... extra) {
        var lines = new ArrayList<>(List.of("readiness_delay: 1s", "drain_timeout: 1s"));
        lines.addAll(topLevel);
        var roles = new LinkedHashMap<String, String>();
        roles.put("web", null);
        roles.put("job", jobCmd);
        return new DeployScenario(bed, nginxes, dir, roles, lines, env, NginxServer.AccessLog.OFF, log -> List.of(extra));
    }

    /** @param roles each role's {@code cmd} (a {@code null} for the image's own); none for a plain host list */
    private DeployScenario(final TestBed bed, final NginxExtension nginxes, final Path dir,
                           final Map<String, String> roles, final List<String> topLevel,
                           final Function<String, String> env, final NginxServer.AccessLog log,
                           final Function<String, List<String>> extra) {
        this.bed = bed;
        this.service = "bg" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        var hosts = new StringBuilder();
        for (Host host : bed.hosts()) {
            hosts.append(roles.isEmpty() ? "  - " : "      - ").append(host).append('\n');
        }
        int blue = FreePorts.forContainer();
        nginx.addAll(nginxOnEveryHost(bed, nginxes, service, blue, log));
        var servers = new StringBuilder();
        if (roles.isEmpty()) {
            servers.append(hosts);
        }
        roles.forEach((role, cmd) -> {
            servers.append("  ").append(role).append(":\n");
            if (cmd != null) {
                servers.append("    cmd: ").append(cmd).append('\n');
            }
            servers.append("    hosts:\n").append(hosts);
        });
        var yaml = "service: " + service + "\n"
                + "image: localhost/bgtest-app\n"
                + "servers:\n" + servers
                + "ssh:\n  user: root\n"
                + topLevel.stream().map(l -> l + "\n").collect(Collectors.joining())
                + "x-bluegreen:\n"
                + "  runtime: podman\n"
                + wiredByConfig("  ", blue, FreePorts.forContainer(), nginx.get(0)).stream()
                        .map(l -> l + "\n").collect(Collectors.joining())
                + "  gate:\n"
                + "    paths: [/health, /health/ready]\n"
                + "    interval: 200ms\n"
                + "    max_attempts: 25\n"
                + "    successes: 2\n"
                + String.join("\n", extra.apply(log == NginxServer.AccessLog.OFF ? null : nginx.get(0).accessLog())) + "\n";
        try {
            var file = dir.resolve(service + "/config/deploy.yml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            this.config = ConfigLoader.load(file, Optional.empty(), env);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A real nginx on every host of {@code bed} for {@code service}, alike on each: the same port and
     * the same paths as the host sees them. Before the first deploy it points at {@code blue}, where
     * nothing answers yet.
     */
    static List<NginxServer> nginxOnEveryHost(final TestBed bed, final NginxExtension nginxes, final String service,
                                              final int blue) {
        return nginxOnEveryHost(bed, nginxes, service, blue, NginxServer.AccessLog.OFF);
    }

    /** As {@link #nginxOnEveryHost(TestBed, NginxExtension, String, int)}, writing {@code log} on every host. */
    static List<NginxServer> nginxOnEveryHost(final TestBed bed, final NginxExtension nginxes, final String service,
                                              final int blue, final NginxServer.AccessLog log) {
        int port = FreePorts.forContainer();
        var servers = new ArrayList<NginxServer>();
        for (int i = 0; i < bed.hosts().size(); i++) {
            servers.add(nginxes.startOnHost(bed, i, "nginx-" + service, port, new Target(service, "blue", blue, "none"),
                    log));
        }
        return servers;
    }

    /**
     * The {@code x-bluegreen} lines that wire hosts by their config alone, as an admin writes them for
     * a real fleet: the colors' host ports and the switch settings of {@code nginx}, which every host
     * has alike. Each line starts with {@code indent}, the indentation of the keys inside {@code x-bluegreen}.
     */
    static List<String> wiredByConfig(final String indent, final int blue, final int green, final NginxServer nginx) {
        var settings = nginx.settings();
        return List.of(
                "ports: {blue: " + blue + ", green: " + green + "}",
                "traffic:",
                "  upstream_file: " + settings.upstreamFile(),
                "  public_url: " + settings.publicUrl(),
                "  test: " + settings.testCommand(),
                "  reload: " + settings.reloadCommand()).stream().map(line -> indent + line).toList();
    }

    /** Builds the images once and loads them into every host's own podman storage. */
    static void loadImages(final TestBed bed, final TestImages.App... apps) {
        for (TestImages.App app : apps) {
            var tar = SAVED.computeIfAbsent(app.tag(), tag -> save(TestImages.ensure(app)));
            var connector = bed.connector();
            for (Host host : bed.hosts()) {
                try (var c = connector.connect(host)) {
                    c.run(Command.of("podman", "load", "-q", "-i", tar.toString()), OutputListener.discard(), TIMEOUT)
                            .orThrow();
                }
            }
        }
    }

    private static Path save(final String image) {
        try {
            var tar = Files.createTempFile("bgtest-image-", ".tar");
            Files.delete(tar);
            tar.toFile().deleteOnExit();
            var p = new ProcessBuilder("podman", "save", "-q", "-o", tar.toString(), image).inheritIO().start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("podman save " + image + " failed");
            }
            return tar;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    BlueGreenDeploy deploy() {
        return new BlueGreenDeploy(config, recording(), events::add);
    }

    BlueGreenDeploy deploy(final EventSink sink) {
        return new BlueGreenDeploy(config, recording(), e -> {
            events.add(e);
            sink.accept(e);
        });
    }

    /** A connector that records every command sent in {@link #sent}. */
    Connector recording() {
        var connector = bed.connector();
        return host -> new Recorded(connector.connect(host), sent);
    }

    private record Recorded(Connection delegate, List<String> sent) implements ForwardingConnection {
        @Override
        public CommandResult run(final Command command, final byte[] stdin, final OutputListener output,
                                 final Duration timeout) {
            sent.add(command.render() + (stdin == null ? "" : " <<< " + new String(stdin, StandardCharsets.UTF_8)));
            return delegate.run(command, stdin, output, timeout);
        }
    }

    /** The config's traffic switch, as a rollback of this service would use it. */
    TrafficSwitch traffic() {
        return ConfigWiring.trafficSwitch(config.config(), EventSink.discard());
    }

    /** What host i's nginx answers on {@code /}: {@code bgtest-app v1}. */
    String served(final int i) {
        return get(nginx.get(i).url().resolve("/"));
    }

    URI publicUrl(final int i) {
        return nginx.get(i).url();
    }

    static String get(final URI url) {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }
        catch (IOException e) {
            return "no answer: " + e;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    LiveState ledger(final int i) {
        try (var c = connect(i)) {
            return new Ledger(containers()).read(c, Service.of(service), 50);
        }
    }

    Optional<LockHolder> lock(final int i) {
        try (var c = connect(i)) {
            return new DeployLock(config.config().extension().runDirectory()).status(c, Service.of(service));
        }
    }

    /** Names of the service's running containers on host i, sorted. */
    List<String> running(final int i) {
        try (var c = connect(i)) {
            var out = c.run(Command.of("podman", "ps", "--filter", "label=bluegreen.service=" + service, "--format",
                    "{{.Names}}"), OutputListener.discard(), TIMEOUT).orThrow().stdout();
            return out.lines().filter(l -> !l.isBlank()).sorted().toList();
        }
    }

    /**
     * A deploy whose new release, on {@code color}, falls ill (503 on its health paths, on every host)
     * as soon as the watch begins: the moment is the test's, not a timer's, so a slow machine cannot
     * make the release ill while it is still at its gate.
     */
    BlueGreenDeploy fallingIllOnceLive(final Color color) {
        var ill = new AtomicBoolean();
        return deploy(e -> {
            if (e.phase() == Phase.WATCH && ill.compareAndSet(false, true)) {
                CompletableFuture.runAsync(() -> sicken(color));
            }
        });
    }

    private void sicken(final Color color) {
        for (int i = 0; i < bed.hosts().size(); i++) {
            try (var c = connect(i)) {
                c.run(Command.of("podman", "exec", container(color), "touch", "/tmp/sick"), OutputListener.discard(),
                        TIMEOUT).orThrow();
            }
        }
    }

    /** Removes the service's containers from every host still up. */
    void removeContainers() {
        for (int i = 0; i < bed.hosts().size(); i++) {
            try (var c = connect(i)) {
                c.run(Command.of("sh", "-c", "podman ps -aq --filter label=bluegreen.service=" + service
                        + " | xargs -r podman rm -f -t 0"), OutputListener.discard(), TIMEOUT);
            }
            catch (RuntimeException e) {
                // A host the test took down has nothing left to remove.
            }
        }
    }

    String container(final Color color) {
        return container("web", color);
    }

    String container(final String role, final Color color) {
        return service + "-" + role + "-" + color.label();
    }

    Connection connect(final int i) {
        return bed.connector().connect(bed.host(i));
    }

    private ContainerCommands containers() {
        return new ContainerCommands(ContainerRuntime.PODMAN, config.config().extension().runDirectory());
    }
}
