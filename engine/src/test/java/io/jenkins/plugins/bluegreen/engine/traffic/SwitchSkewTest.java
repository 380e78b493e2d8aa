package io.jenkins.plugins.bluegreen.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SwitchSkewTest {
    private static final Instant T0 = Instant.parse("2026-12-04T17:00:00Z");

    @Test
    void shouldSpanTheFirstAndTheLastHostToAnswer() {
        var answered = new LinkedHashMap<Host, Instant>();
        answered.put(Host.parse("web-1"), T0.plusMillis(40));
        answered.put(Host.parse("web-2"), T0);
        answered.put(Host.parse("web-3"), T0.plusMillis(115));

        var skew = SwitchSkew.of(answered);

        assertThat(skew.spread()).isEqualTo(Duration.ofMillis(115));
        assertThat(skew.describe()).isEqualTo("switch skew 115 ms (web-2 first, web-3 last)");
    }

    @Test
    void shouldSayThereWasOneHost() {
        assertThat(SwitchSkew.of(Map.of(Host.parse("web-1"), T0)).describe()).isEqualTo("switch skew 0 ms (one host)");
    }
}
