package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void shouldReadKamalStyleDurations() {
        assertThat(Durations.parse("5s")).contains(Duration.ofSeconds(5));
        assertThat(Durations.parse("5")).contains(Duration.ofSeconds(5));
        assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(Durations.parse("10m")).contains(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("5 seconds")).isEmpty();
        assertThat(Durations.parse("-5s")).isEmpty();
    }

    @Property
    void shouldReadBackWhatItFormats(@ForAll @LongRange(min = 0, max = 10_000_000_000L) final long millis) {
        var d = Duration.ofMillis(millis);

        assertThat(Durations.parse(Durations.format(d))).contains(d);
    }
}
