package io.jenkins.plugins.bluegreen.engine.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

class WhileHeldTest {
    @Test
    void shouldWaitByDefault() {
        assertThat(WhileHeld.parse(null)).isEqualTo(WhileHeld.WAIT);
        assertThat(WhileHeld.parse(" ")).isEqualTo(WhileHeld.WAIT);
    }

    @Test
    void shouldReadEitherNameInAnyCase() {
        assertThat(WhileHeld.parse("Fail")).isEqualTo(WhileHeld.FAIL);
        assertThat(WhileHeld.parse(" wait ")).isEqualTo(WhileHeld.WAIT);
        assertThat(WhileHeld.FAIL.parameter()).isEqualTo("fail");
    }

    @Test
    void shouldNameTheParameterAndWhatWasFoundForAnythingElse() {
        assertThatThrownBy(() -> WhileHeld.parse("fial"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("onHeld: expected 'wait' (the build waits for the window) or 'fail' (it stops as not built),"
                        + " got 'fial'");
    }
}
