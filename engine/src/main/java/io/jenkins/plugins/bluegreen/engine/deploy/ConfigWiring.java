package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.config.DeployConfig;
import io.jenkins.plugins.bluegreen.engine.config.Ports;
import io.jenkins.plugins.bluegreen.engine.config.Traffic;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.traffic.NginxSettings;
import io.jenkins.plugins.bluegreen.engine.traffic.NginxSwitch;
import io.jenkins.plugins.bluegreen.engine.traffic.ScriptSwitch;
import io.jenkins.plugins.bluegreen.engine.traffic.TrafficSwitch;

import java.net.URI;
import java.time.Duration;

/**
 * How the hosts are wired, as the config's {@code x-bluegreen} says: the host ports the colors
 * publish, the switch that moves traffic and the public URL as a host sees it. A fleet is wired
 * alike on every host, so none of this depends on the host.
 */
final class ConfigWiring {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    private final Ports ports;
    private final TrafficSwitch traffic;
    private final URI publicUrl;

    ConfigWiring(final DeployConfig config, final EventSink events) {
        var settings = config.extension();
        this.ports = settings.ports();
        this.publicUrl = URI.create(settings.traffic().publicUrl());
        this.traffic = trafficSwitch(config, events);
    }

    /**
     * The switch {@code x-bluegreen.traffic} describes, the same for every host: what a deploy and a
     * rollback both move traffic with, so they can never disagree on how.
     */
    static TrafficSwitch trafficSwitch(final DeployConfig config, final EventSink events) {
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

    /** The host port {@code color} publishes. */
    int port(final Color color) {
        return color == Color.BLUE ? ports.blue() : ports.green();
    }

    TrafficSwitch traffic() {
        return traffic;
    }

    URI publicUrl() {
        return publicUrl;
    }
}
