package io.jenkins.plugins.bluegreen.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

class TimeoutOutcomeTest {
    @Test
    void shouldRejectByDefaultAndReadEitherNameInAnyCase() {
        assertThat(TimeoutOutcome.parse(null)).isEqualTo(TimeoutOutcome.REJECT);
        assertThat(TimeoutOutcome.parse(" Approve ")).isEqualTo(TimeoutOutcome.APPROVE);
        assertThat(TimeoutOutcome.APPROVE.parameter()).isEqualTo("approve");
    }

    @Test
    void shouldNameTheParameterAndWhatWasFound() {
        assertThatThrownBy(() -> TimeoutOutcome.parse("maybe"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("onTimeout: expected 'reject' (the build stops as aborted) or 'approve' (it goes on without"
                        + " answers), got 'maybe'");
    }
}
