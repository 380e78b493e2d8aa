package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;
import io.jenkins.plugins.bluegreen.engine.watch.NginxLogSource;
import io.jenkins.plugins.bluegreen.engine.watch.PrometheusSource;
import io.jenkins.plugins.bluegreen.engine.watch.TrafficSource;
import io.jenkins.plugins.bluegreen.engine.watch.WatchedRelease;

import java.util.ArrayList;
import java.util.List;

/** The sources of real traffic {@code x-bluegreen.watch.traffic} names, in the order the docs list them. */
final class WatchSources {
    private WatchSources() {
    }

    static List<TrafficSource> of(final WatchTraffic traffic, final WatchedRelease release) {
        var sources = new ArrayList<TrafficSource>();
        traffic.nginx().ifPresent(nginx -> sources.add(new NginxLogSource(nginx, release)));
        traffic.prometheus().ifPresent(prometheus -> sources.add(new PrometheusSource(prometheus, release)));
        return sources;
    }
}
