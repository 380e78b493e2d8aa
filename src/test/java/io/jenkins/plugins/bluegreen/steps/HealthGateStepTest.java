package io.jenkins.plugins.bluegreen.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The healthGate step end to end: a pipeline polls a real HTTP server on loopback. */
@WithJenkins
class HealthGateStepTest {
    private HttpServer app;
    /** Requests the app answered, from anywhere. */
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void startApp() throws IOException {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/health", exchange -> {
            served.incrementAndGet();
            var body = "{\"status\":\"ok\",\"version\":\"v2\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        app.start();
    }

    @AfterEach
    void stopApp() {
        app.stop(0);
    }

    private String url(final String path) {
        return "http://127.0.0.1:" + app.getAddress().getPort() + path;
    }

    private WorkflowJob pipeline(final JenkinsRule r, final String script) throws Exception {
        var job = r.createProject(WorkflowJob.class, "gate");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    @Test
    void shouldPassWhenTheAppAnswersHealthy(final JenkinsRule r) throws Exception {
        var job = pipeline(r, "node { def gate = healthGate urls: '" + url("/health") + "', intervalSeconds: 1, successes: 2\n"
                + "echo \"gate passed after ${gate.polls} polls of ${gate.urls}\" }");

        var build = r.buildAndAssertSuccess(job);

        r.assertLogContains("gate passed after", build);
        r.assertLogContains(url("/health"), build);
    }

    @Test
    void shouldFailWithOneLineWhenTheAppStaysUnhealthy(final JenkinsRule r) throws Exception {
        var job = pipeline(r, "node { healthGate urls: '" + url("/broken") + "', intervalSeconds: 1, timeoutSeconds: 2 }");

        var build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("healthGate failed: ", build);
        r.assertLogNotContains("\tat io.jenkins.plugins.bluegreen", build);
    }

    /**
     * Polling from the controller would let a pipeline probe the controller's own network: the step
     * requires a workspace, so workflow-cps refuses it outside node before it starts.
     */
    @Test
    void shouldNeverPollFromTheController(final JenkinsRule r) throws Exception {
        var job = pipeline(r, "healthGate urls: '" + url("/health") + "'");

        var build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("Required context class hudson.FilePath is missing", build);
        assertThat(served.get()).isZero();
    }

    @Test
    void shouldNameTheParameterOfABadUrl(final JenkinsRule r) throws Exception {
        var job = pipeline(r, "node { healthGate urls: 'ftp://127.0.0.1/health' }");

        var build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("healthGate: urls: expected http:// or https:// URLs with a host, got 'ftp://127.0.0.1/health'", build);
    }
}
