package io.jenkins.plugins.bluegreen.engine.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

class MigrationRequestTest {
    @Test
    void shouldRequireTheReleaseWhoseMigrationsRun() {
        assertThatThrownBy(() -> new MigrationRequest("config/deploy.yml", "staging", null, "alice"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("version: expected a release version");
    }
}
