package io.jenkins.plugins.bluegreen.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {
    private static final String SECRET_PATH = "/services/T000/B000/s3cr3tT0k3n";

    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void startChat() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(SECRET_PATH, exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopChat() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH;
    }

    @Test
    void shouldPostTheNotificationAsJson() {
        new Webhook(new OkHttpClient(), url()).post(Notification.about("shop #7", "approved", null).with("by", "bob"));

        assertThat(body.get()).isEqualTo("{\"text\":\"shop #7: approved\\nby: bob\"}");
        assertThat(contentType.get()).startsWith("application/json");
    }

    @Test
    void shouldReportARefusalWithoutTheSecretUrl() {
        status.set(500);
        var webhook = new Webhook(new OkHttpClient(), url());

        assertThatThrownBy(() -> webhook.post(Notification.about("shop #7", "approved", null)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("HTTP 500")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain(SECRET_PATH));
    }

    @Test
    void shouldReportAnUnreachableEndpointWithoutTheSecretUrl() {
        var closed = url();
        server.stop(0);
        var webhook = new Webhook(new OkHttpClient(), closed);

        assertThatThrownBy(() -> webhook.post(Notification.about("shop #7", "approved", null)))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void shouldRefuseACredentialThatIsNoUrlWithoutEchoingIt() {
        assertThatThrownBy(() -> new Webhook(new OkHttpClient(), "xoxb-s3cr3t"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("http(s) URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }
}
