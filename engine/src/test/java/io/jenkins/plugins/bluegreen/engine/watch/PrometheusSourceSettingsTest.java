package io.jenkins.plugins.bluegreen.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What the source makes of its settings before it asks any server. */
class PrometheusSourceSettingsTest {
    private static final WatchedRelease GREEN = new WatchedRelease("shop", "green", "v2", 3002, List.of(),
            Duration.ofSeconds(10));

    private static PrometheusSource source(final String url, final Optional<String> requests) {
        return new PrometheusSource(new WatchTraffic.Prometheus(url, Duration.ofSeconds(5), Optional.of("up"),
                Optional.empty(), requests), GREEN);
    }

    @Test
    void describesItselfByTheServersUrl() {
        try (var source = source("http://prometheus.internal:9090", Optional.empty())) {
            assertThat(source.describe()).isEqualTo("Prometheus http://prometheus.internal:9090");
        }
    }

    @Test
    void countsRequestsOnlyWithARequestsQuery() {
        try (var without = source("http://127.0.0.1:9090", Optional.empty());
             var with = source("http://127.0.0.1:9090", Optional.of("sum(increase(x[{{interval}}]))"))) {
            assertThat(without.countsRequests()).isFalse();
            assertThat(with.countsRequests()).isTrue();
        }
    }

    @Test
    void aUrlThatCannotBeOpenedNamesTheSetting() {
        assertThatThrownBy(() -> source("http://exa mple:9090", Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("x-bluegreen/watch/traffic/prometheus/url: 'http://exa mple:9090' cannot be opened (")
                .hasMessageEndingWith("); expected a Prometheus server's URL like http://prometheus:9090");
    }
}
