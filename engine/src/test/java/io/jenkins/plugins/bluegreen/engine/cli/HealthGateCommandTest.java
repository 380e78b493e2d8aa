package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer.Reply;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class HealthGateCommandTest {
    private final ScriptedHttpServer server = new ScriptedHttpServer();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private int run(final String... args) {
        return new CommandLine(new BlueGreenCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void shouldExitZeroWhenEveryUrlPasses() {
        server.on("/health", Reply.of(200, "{\"status\":\"ok\"}"));
        server.on("/health/ready", Reply.of(200, "{\"status\":\"ready\",\"checks\":{\"database\":true}}"));

        int exit = run("health-gate", "--interval", "50ms", "--max-attempts", "3", "--json-status", "ok",
                server.url("/health"));
        int ready = run("health-gate", "--interval", "50ms", "--max-attempts", "3", server.url("/health/ready"));

        assertThat(exit).isZero();
        assertThat(ready).isZero();
        assertThat(out.toString()).contains("PASS 127.0.0.1: " + server.url("/health") + ": healthy after 1 attempt");
        assertThat(err.toString()).contains("[gate] waiting for 1 URL(s)");
    }

    @Test
    void shouldExitOneNamingTheFailedCheck() {
        server.on("/health/ready", Reply.of(503, "{\"status\":\"not_ready\",\"checks\":{\"redis\":false}}"));

        int exit = run("health-gate", "--interval", "10ms", "--max-attempts", "2", server.url("/health/ready"));

        assertThat(exit).isEqualTo(HealthGateCommand.FAILED);
        assertThat(out.toString()).startsWith("FAIL 127.0.0.1: " + server.url("/health/ready")
                + ": status outside 200-299; check redis: false (status 503, body: ");
    }

    @Test
    void shouldExitTwoOnBadInputWithoutAStackTrace() {
        assertThat(run("health-gate", "--status", "2xx", server.url("/health"))).isEqualTo(HealthGateCommand.BAD_INPUT);
        assertThat(run("health-gate", "--interval", "soon", server.url("/health"))).isEqualTo(2);
        assertThat(run("health-gate", "ftp://example/health")).isEqualTo(HealthGateCommand.BAD_INPUT);

        assertThat(err.toString())
                .contains("gate.status: expected an HTTP status or range like 200-299, got '2xx'")
                .contains("expected a duration like 500ms, 2s or 1m, got 'soon'")
                .contains("gate url: expected http(s)://host[:port]/path, got 'ftp://example/health'")
                .doesNotContain("\tat ");
    }
}
