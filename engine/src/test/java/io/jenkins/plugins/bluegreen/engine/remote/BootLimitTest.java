package io.jenkins.plugins.bluegreen.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import org.junit.jupiter.api.Test;

class BootLimitTest {
    @Test
    void shouldTakeACountOrAPercentageRoundedDownButNeverBelowOne() {
        assertThat(BootLimit.parse("3").batchSize(10)).isEqualTo(3);
        assertThat(BootLimit.parse("25%").batchSize(10)).isEqualTo(2);
        assertThat(BootLimit.parse("10%").batchSize(3)).isEqualTo(1);
        assertThat(BootLimit.parse("50").batchSize(4)).isEqualTo(4);
        assertThat(BootLimit.all().batchSize(20)).isEqualTo(20);
    }

    @Test
    void shouldExplainALimitItCannotUse() {
        assertThatThrownBy(() -> BootLimit.parse("half"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("boot.limit: expected a number of hosts (5) or a percentage (25%), got 'half'");
        assertThatThrownBy(() -> BootLimit.parse("0"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("boot.limit: expected a number of hosts (5) or a percentage (25%), got 0");
        assertThatThrownBy(() -> BootLimit.parse("150%")).isInstanceOf(InvalidInputException.class);
    }
}
