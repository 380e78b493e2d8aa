package io.jenkins.plugins.bluegreen.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.event.Phase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployOutcomeTest {
    @Test
    void shouldGivePipelinesPlainValuesWithPhasesInOrder() {
        var outcome = new DeployOutcome("v2", "v1", "green", List.of("web-1", "web-2"),
                Map.of(Phase.SWITCH, Duration.ofMillis(40), Phase.BOOT, Duration.ofSeconds(12), Phase.GATE, Duration.ofSeconds(3)),
                Duration.ofMillis(9));

        var map = outcome.asMap();

        assertThat(map).containsEntry("version", "v2").containsEntry("previousVersion", "v1")
                .containsEntry("color", "green").containsEntry("hosts", List.of("web-1", "web-2"));
        assertThat(map.get("durations")).hasToString("{boot=12000, gate=3000, switch=40}");
        assertThat(map).containsEntry("switchSkewMillis", 9L);
    }

    @Test
    void shouldSerializeAStagedReleaseSoItSurvivesARestart() throws IOException {
        var request = new DeployRequest(null, "production", "v2", "alice", false, null, null);
        var staged = new StagedRelease(request, "green", "v1", List.of("web-1"), Map.of(Phase.BOOT, Duration.ofSeconds(1)));

        try (var out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(staged);
        }

        assertThat(staged.phases()).containsEntry(Phase.BOOT, Duration.ofSeconds(1));
    }
}
