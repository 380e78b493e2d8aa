package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.config.DeployConfig;
import io.jenkins.plugins.bluegreen.engine.config.Ports;
import io.jenkins.plugins.bluegreen.engine.config.Traffic;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.traffic.NginxSettings;
import io.jenkins.plugins.bluegreen.engine.traffic.NginxSwitch;
import io.jenkins.plugins.bluegreen.engine.traffic.ScriptSwitch;
import io.jenkins.plugins.bluegreen.engine.traffic.TrafficSwitch;

import java.net.URI;
import java.time.Duration;

/** Every host wired as the config says: the same ports, proxy and public URL on each. */
public final class ConfigWiring implements HostWiring {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    private final Ports ports;
    private final TrafficSwitch traffic;
    private final URI publicUrl;

    public ConfigWiring(final DeployConfig config, final EventSink events) {
        var settings = config.extension();
        this.ports = settings.ports();
        this.publicUrl = URI.create(settings.traffic().publicUrl());
        this.traffic = trafficSwitch(config, events);
    }

    /**
     * The switch {@code x-bluegreen.traffic} describes, the same for every host: what a deploy and a
     * rollback both move traffic with, so they can never disagree on how.
     */
    public static TrafficSwitch trafficSwitch(final DeployConfig config, final EventSink events) {
        var traffic = config.extension().traffic();
        if (traffic instanceof Traffic.Script script) {
            return new ScriptSwitch(config.service(), script.switchCommand(), null, null, SCRIPT_TIMEOUT, events);
        }
        return new NginxSwitch(nginxSettings(config.service(), (Traffic.Nginx) traffic), events);
    }

    /** The switch settings of the config's {@code x-bluegreen.traffic} for an nginx proxy. */
    static NginxSettings nginxSettings(final String service, final Traffic.Nginx nginx) {
        var defaults = NginxSettings.defaults(service);
        return defaults.withUpstreamFile(nginx.upstreamFile())
                .withPublicUrl(URI.create(nginx.publicUrl()))
                .withCommands(nginx.test().orElse(defaults.testCommand()), nginx.reload().orElse(defaults.reloadCommand()));
    }

    @Override
    public Ports ports(final Host host) {
        return ports;
    }

    @Override
    public TrafficSwitch traffic(final Host host) {
        return traffic;
    }

    @Override
    public URI publicUrl(final Host host) {
        return publicUrl;
    }
}
