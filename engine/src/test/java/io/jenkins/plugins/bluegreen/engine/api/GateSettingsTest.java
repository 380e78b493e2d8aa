package io.jenkins.plugins.bluegreen.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GateSettingsTest {
    @Test
    void shouldReplaceOnlyTheGivenOverrides() {
        var s = GateSettings.DEFAULTS.overriddenBy(null, 300, 5);

        assertThat(s).isEqualTo(new GateSettings(Duration.ofSeconds(5), Duration.ofSeconds(300), 5));
    }

    @Test
    void shouldRefuseANonPositiveInterval() {
        assertThatThrownBy(() -> GateSettings.DEFAULTS.overriddenBy(0, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("intervalSeconds: expected a positive number of seconds, got 0 s");
    }

    @Test
    void shouldRefuseATimeoutShorterThanTheInterval() {
        assertThatThrownBy(() -> GateSettings.DEFAULTS.overriddenBy(10, 5, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("timeoutSeconds: expected at least the interval (10 s), got 5 s");
    }

    @Test
    void shouldRefuseSuccessesOutOfRange() {
        assertThatThrownBy(() -> GateSettings.DEFAULTS.overriddenBy(null, null, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("successes: expected 1 to 100 consecutive healthy answers, got 0");
    }

    @Test
    void shouldLeaveADeployToItsConfigsGateWhenTheStepSetsNoneOfTheThree() {
        assertThat(GateSettings.forDeployStep(GateSettings.DEFAULTS, null, null, null)).isNull();
    }

    @Test
    void shouldTakeTheDefaultsForWhatADeployStepLeavesOutOnceItSetsOne() {
        var own = new GateSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), 4);

        assertThat(GateSettings.forDeployStep(own, null, null, 6))
                .isEqualTo(new GateSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), 6));
    }
}
