package io.jenkins.plugins.bluegreen.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

class RollbackRequestTest {
    @Test
    void shouldMeanThePreviousReleaseWhenNoVersionIsGiven() {
        var r = new RollbackRequest(null, "production", "", false, "bob", null);

        assertThat(r.toVersion()).isNull();
        assertThat(r.configFile()).isEqualTo("config/deploy.yml");
    }

    @Test
    void shouldNameToVersionWhenItIsNoImageTag() {
        assertThatThrownBy(() -> new RollbackRequest(null, null, "v1 v2", true, "bob", "bad release"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("toVersion: expected an image tag")
                .hasMessageEndingWith("got 'v1 v2'");
    }
}
