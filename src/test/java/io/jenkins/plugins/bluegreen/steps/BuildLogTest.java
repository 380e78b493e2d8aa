package io.jenkins.plugins.bluegreen.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.StreamTaskListener;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildLogTest {
    @Test
    void shouldPrintEachEventAsOneLineWithSecretsMasked() {
        var out = new ByteArrayOutputStream();
        var log = new BuildLog(new StreamTaskListener(out, StandardCharsets.UTF_8), SecretMask.of(List.of("hunter22")));

        log.accept(new Event(Instant.EPOCH, Phase.BOOT, Event.Level.WARNING, "web-1.internal",
                "docker login answered: wrong password hunter22"));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("[boot] WARNING: web-1.internal: docker login answered: wrong password ****" + System.lineSeparator());
    }
}
