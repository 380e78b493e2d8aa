package io.jenkins.plugins.bluegreen.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.testbed.PrometheusExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.PrometheusServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer.Reply;
import io.jenkins.plugins.bluegreen.engine.watch.PrometheusException.Failure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrometheusClientTest {
    @RegisterExtension
    static final PrometheusExtension PROMETHEUS = new PrometheusExtension();

    private static PrometheusServer server;
    private static PrometheusClient client;

    @BeforeAll
    static void start() {
        server = PROMETHEUS.start();
        client = new PrometheusClient(server.url(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void aVectorsSeriesComeWithTheirLabelsAndValues() throws PrometheusException {
        var result = client.query("label_replace(vector(3), \"instance\", \"web-1\", \"\", \"\")"
                + " or label_replace(vector(7.5), \"instance\", \"web-2\", \"\", \"\")");

        assertThat(result.samples()).containsExactlyInAnyOrder(
                new PromResult.Sample(Map.of("instance", "web-1"), 3),
                new PromResult.Sample(Map.of("instance", "web-2"), 7.5));
        assertThat(result.largest()).get().isEqualTo(new PromResult.Sample(Map.of("instance", "web-2"), 7.5));
    }

    @Test
    void aScalarIsOneSeriesWithoutLabels() throws PrometheusException {
        assertThat(client.query("2 * 21").samples()).containsExactly(new PromResult.Sample(Map.of(), 42));
    }

    @Test
    void zeroByZeroIsNanAndNoValue() throws PrometheusException {
        var result = client.query("vector(0) / vector(0)");

        assertThat(result.samples()).singleElement().extracting(PromResult.Sample::value).isEqualTo(Double.NaN);
        assertThat(result.largest()).isEmpty();
    }

    @Test
    void aQueryMatchingNothingIsAnEmptyVector() throws PrometheusException {
        assertThat(client.query("http_requests_total{color=\"purple\"}").samples()).isEmpty();
    }

    @Test
    void aSyntaxErrorIsRejectedWithPrometheusOwnMessage() {
        assertThatThrownBy(() -> client.query("sum(rate(http_requests_total[1m])"))
                .isInstanceOfSatisfying(PrometheusException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REJECTED);
                    assertThat(e.aboutQuery()).isTrue();
                })
                .hasMessageStartingWith("Prometheus rejected the query: ")
                .hasMessageContaining("parse error");
    }

    @Test
    void aRangeVectorIsNotANumber() {
        assertThatThrownBy(() -> client.query("up[1m]"))
                .isInstanceOfSatisfying(PrometheusException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_A_NUMBER))
                .hasMessage("the query returned a range vector (a matrix: one list of values per series);"
                        + " expected an instant vector or a scalar");
    }

    @Test
    void aPortNobodyListensOnCannotBeReached() {
        var url = "http://127.0.0.1:" + ScriptedHttpServer.closedPort();
        try (var nowhere = new PrometheusClient(url, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> nowhere.query("up"))
                    .isInstanceOfSatisfying(PrometheusException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE);
                        assertThat(e.aboutQuery()).isFalse();
                    })
                    .hasMessage("cannot reach " + url + " (Connection refused)");
        }
    }

    @Test
    void aServerThatDoesNotAnswerInTimeCannotBeReached() {
        try (var slow = new ScriptedHttpServer().on("/api/v1/query", new Reply(200, "{}", Duration.ofSeconds(5)));
             var impatient = new PrometheusClient(slow.url(""), Duration.ofMillis(300))) {
            assertThatThrownBy(() -> impatient.query("up"))
                    .isInstanceOfSatisfying(PrometheusException.class, e -> assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE))
                    .hasMessage("cannot reach " + slow.url("") + " (no answer within 300ms, the timeout)");
        }
    }

    @Test
    void anAnswerThatIsNotPrometheusJsonSaysWhatCameBack() {
        try (var web = new ScriptedHttpServer().on("/prom/api/v1/query", Reply.of(200, "<html><body>Sign in</body></html>"));
             var wrong = new PrometheusClient(web.url("/prom"), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> wrong.query("up"))
                    .isInstanceOfSatisfying(PrometheusException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_PROMETHEUS))
                    .hasMessage(web.url("/prom/api/v1/query") + " answered HTTP 200 (application/json) with"
                            + " '<html><body>Sign in</body></html>', not the JSON of Prometheus' HTTP API");
        }
    }
}
