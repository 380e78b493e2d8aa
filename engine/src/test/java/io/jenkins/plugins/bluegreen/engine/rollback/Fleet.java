package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.config.Ports;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import io.jenkins.plugins.bluegreen.engine.container.ContainerSpec;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.Ledger;
import io.jenkins.plugins.bluegreen.engine.ledger.Release;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.testbed.FreePorts;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.testbed.TestImages;
import io.jenkins.plugins.bluegreen.engine.traffic.NginxSwitch;
import io.jenkins.plugins.bluegreen.engine.traffic.SwitchAll;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;
import io.jenkins.plugins.bluegreen.engine.traffic.TrafficSwitch;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hosts of a rollback test: test-bed hosts with their own podman, each with a real nginx as its
 * traffic switch, and a service name of the test's own. Every host is wired alike, as a config
 * would have it: the colors publish on {@link #PORTS}, and nginx keeps its files at the same paths.
 */
final class Fleet implements AutoCloseable {
    static final Ports PORTS = new Ports(3001, 3002, 3000);
    static final String REPOSITORY = "localhost/bgtest-app";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    final Service service = Service.of("rb" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL));
    final ContainerCommands containers = new ContainerCommands(ContainerRuntime.PODMAN, ".bluegreen");
    final Ledger ledger = new Ledger(containers);
    final List<Event> events = new ArrayList<>();
    final List<Connection> hosts = new ArrayList<>();
    private final List<NginxServer> nginx = new ArrayList<>();

    Fleet(final TestBed bed, final NginxExtension nginxes) {
        int proxyPort = FreePorts.forContainer();
        for (int i = 0; i < bed.hosts().size(); i++) {
            hosts.add(bed.connector().connect(bed.host(i)));
            // The upstream file starts out pointing at a port nothing listens on: no release is live yet.
            nginx.add(nginxes.startOnHost(bed, i, "nginx-" + service.name(), proxyPort,
                    new Target(service.name(), "blue", ScriptedHttpServer.closedPort(), "none")));
        }
    }

    /** Loads the test app's images into every host's own storage, once per image and host. */
    static void loadImages(final TestBed bed, final TestImages.App... apps) throws IOException, InterruptedException {
        for (TestImages.App app : apps) {
            var image = TestImages.ensure(app);
            var tar = Files.createTempFile("bgtest-image", ".tar");
            try {
                Files.delete(tar);
                var save = new ProcessBuilder("podman", "save", "-q", "-o", tar.toString(), image).inheritIO().start();
                if (save.waitFor() != 0) {
                    throw new IOException("podman save " + image + " failed");
                }
                for (int i = 0; i < bed.hosts().size(); i++) {
                    try (var host = bed.connector().connect(bed.host(i))) {
                        host.run(Command.of("podman", "load", "-q", "-i", tar.toString()), OutputListener.discard(),
                                TIMEOUT).orThrow();
                    }
                }
            }
            finally {
                Files.deleteIfExists(tar);
            }
        }
    }

    /** Boots {@code app} on {@code color} of host {@code i} and records it live, as a deploy would. */
    void deploy(final int i, final TestImages.App app, final Color color, final String by, final Instant at,
                final String schemaBefore, final String schemaAfter) {
        boot(i, app, color, new DeployStamp(at, by));
        ledger.append(hosts.get(i), service, new HistoryEntry(HistoryEntry.Action.DEPLOY,
                new Release(app.version(), color, app.image(), at, by), schemaBefore, schemaAfter, null));
    }

    void boot(final int i, final TestImages.App app, final Color color, final DeployStamp stamp) {
        var host = hosts.get(i);
        var spec = new ContainerSpec(service, "web", color, app.image(), app.version(), Map.of(), List.of(), List.of(),
                List.of(), Map.of(), List.of(), color == Color.BLUE ? PORTS.blue() : PORTS.green(), PORTS.app(), false);
        host.run(containers.run(spec, stamp), OutputListener.discard(), TIMEOUT).orThrow();
    }

    /** Records that {@code migrations} migrations of {@code version} ran on host {@code i}, as the runner does. */
    void migrate(final int i, final String version, final String before, final String after, final int migrations,
                 final Instant at) {
        ledger.append(hosts.get(i), service, new HistoryEntry(HistoryEntry.Action.MIGRATE,
                new Release(version, Color.GREEN, null, at, "migrator"), before, after, null, migrations, null));
    }

    /** Points every host's nginx at {@code version} on {@code color}, as the deploy's switch did. */
    void switchAll(final Color color, final String version) {
        new SwitchAll(traffic(), events::add).switchTo(hosts, target(color, version));
    }

    Target target(final Color color, final String version) {
        return new Target(service.name(), color.label(), color == Color.BLUE ? PORTS.blue() : PORTS.green(), version);
    }

    void run(final int i, final String... argv) {
        hosts.get(i).run(Command.of(List.of(argv)), OutputListener.discard(), TIMEOUT).orThrow();
    }

    /** What host {@code i}'s public URL answers on {@code /}, through its nginx. */
    String answer(final int i) throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var request = HttpRequest.newBuilder(nginx.get(i).url()).timeout(Duration.ofSeconds(5)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The switch every host has: the same nginx paths and commands on each, as a config gives them. */
    TrafficSwitch traffic() {
        return new NginxSwitch(nginx.get(0).settings(), events::add);
    }

    /** Stops host {@code i}'s nginx: its switch can no longer reload. */
    void stopNginx(final int i) {
        nginx.get(i).close();
    }

    /** Removes the test's containers from every host; nginx goes with the extension. */
    @Override
    public void close() {
        for (Connection host : hosts) {
            for (Color color : Color.values()) {
                host.run(Command.of("podman", "rm", "-f", "-t", "0", service.qualified() + "-web-" + color.label()),
                        OutputListener.discard(), TIMEOUT);
            }
            host.close();
        }
    }
}
