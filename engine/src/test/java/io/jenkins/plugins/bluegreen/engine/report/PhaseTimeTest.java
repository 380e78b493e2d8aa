package io.jenkins.plugins.bluegreen.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.event.Phase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseTimeTest {
    @Test
    void shouldListPhasesInTheOrderTheyRunWithTheirStartCountedFromTheFirst() {
        var timeline = PhaseTime.timeline(Map.of(
                Phase.SWITCH, Duration.ofMillis(40),
                Phase.BOOT, Duration.ofMillis(4_100),
                Phase.PRE_SWITCH, Duration.ofMillis(900),
                Phase.WATCH, Duration.ofSeconds(125)));

        assertThat(timeline).extracting(PhaseTime::toString).containsExactly(
                "+0 ms boot 4.1 s",
                "+4.1 s pre-switch 900 ms",
                "+5.0 s switch 40 ms",
                "+5.0 s watch 2 min 5 s");
    }

    @Test
    void shouldGiveAnEmptyTimelineWhenNoPhaseRan() {
        assertThat(PhaseTime.timeline(Map.of())).isEmpty();
    }

    @Test
    void shouldShowMillisecondsThenTenthsOfSecondsThenMinutes() {
        assertThat(PhaseTime.human(999)).isEqualTo("999 ms");
        assertThat(PhaseTime.human(1_000)).isEqualTo("1.0 s");
        assertThat(PhaseTime.human(59_949)).isEqualTo("59.9 s");
        assertThat(PhaseTime.human(60_000)).isEqualTo("1 min 0 s");
        assertThat(PhaseTime.human(3_725_000)).isEqualTo("62 min 5 s");
    }
}
