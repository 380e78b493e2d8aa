package io.jenkins.plugins.bluegreen.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer.Reply;

import java.io.InterruptedIOException;

import okhttp3.OkHttpClient;
import okhttp3.Request;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpCallTest {
    private final ScriptedHttpServer server = new ScriptedHttpServer();

    @AfterEach
    void stop() {
        Thread.interrupted();
        server.close();
    }

    @Test
    void shouldAnswerLikeOkHttp() throws Exception {
        server.on("/ok", Reply.of(200, "fine"));

        try (var response = HttpCall.execute(new OkHttpClient(), request("/ok"))) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("fine");
        }
    }

    /** What a cancelled deploy does to a health gate that is opening a connection. */
    @Test
    void shouldTurnAnInterruptWhileConnectingIntoAnIoExceptionAndKeepTheInterrupt() {
        server.on("/ok", Reply.of(200, "fine"));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> HttpCall.execute(new OkHttpClient(), request("/ok")))
                .isInstanceOf(InterruptedIOException.class)
                .hasMessageContaining("interrupted");
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
    }

    private Request request(final String path) {
        return new Request.Builder().url(server.url(path)).build();
    }
}
