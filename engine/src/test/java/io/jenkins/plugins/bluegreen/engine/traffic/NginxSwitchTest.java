package io.jenkins.plugins.bluegreen.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.testbed.LocalShell;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.VersionServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The nginx switch against a real nginx and two real backends on loopback. */
class NginxSwitchTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    private final List<Event> events = new ArrayList<>();
    private final Connection host = LocalShell.host("web-1");
    private VersionServer blue;
    private VersionServer green;

    @BeforeEach
    void startBackends() {
        blue = VersionServer.start("v1");
        green = VersionServer.start("v2");
    }

    @AfterEach
    void stopBackends() {
        blue.close();
        green.close();
    }

    @Test
    void shouldSendPublicTrafficToTheNewColor() throws Exception {
        var server = nginx.start(target(blue, "blue"));
        var traffic = new NginxSwitch(server.settings(), events::add);
        assertThat(get(server.url())).isEqualTo("v1");

        traffic.switchTo(host, target(green, "green"));

        assertThat(get(server.url())).isEqualTo("v2");
        assertThat(traffic.current(host)).contains(target(green, "green"));
        assertThat(events).extracting(Event::line).last().asString()
                .startsWith("[switch] web-1: " + server.url() + " answers from 127.0.0.1:" + green.port());
        assertThat(server.upstreamFile().resolveSibling(server.upstreamFile().getFileName() + ".bluegreen-new"))
                .doesNotExist();
    }

    @Test
    void shouldCallTheSwitchDoneOnlyWhenNoOldWorkerTakesNewConnections() throws Exception {
        var server = nginx.start(target(blue, "blue"));
        var traffic = new NginxSwitch(server.settings(), events::add);
        for (int round = 0; round < 5; round++) {
            var to = round % 2 == 0 ? green : blue;
            traffic.switchTo(host, target(to, round % 2 == 0 ? "green" : "blue"));

            // nginx -s reload returns before the old workers stop accepting: one answer from the new
            // backend is not yet a switch. Each request here opens a connection of its own.
            var answers = new ArrayList<String>();
            for (int i = 0; i < 20; i++) {
                answers.add(HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.url()).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            }
            assertThat(answers).as("round %d", round).containsOnly(to.version());
        }
    }

    @Test
    void shouldMoveNoTrafficBeforeTheCommitAndPutTheFileBackWhenWithdrawn() throws Exception {
        var server = nginx.start(target(blue, "blue"));
        var traffic = new NginxSwitch(server.settings(), events::add);
        var before = Files.readString(server.upstreamFile());

        var prepared = traffic.prepare(host, target(green, "green"));

        assertThat(prepared.previous()).contains(target(blue, "blue"));
        assertThat(traffic.current(host)).as("the file is written and tested").contains(target(green, "green"));
        assertThat(get(server.url())).as("nginx has not loaded it").isEqualTo("v1");

        prepared.withdraw();

        assertThat(Files.readString(server.upstreamFile())).isEqualTo(before);
        assertThat(get(server.url())).isEqualTo("v1");
    }

    @Test
    void shouldPutThePreviousFileBackWhenNginxRejectsTheNewOne() throws Exception {
        var server = nginx.start(target(blue, "blue"));
        var traffic = new NginxSwitch(server.settings(), events::add);
        var before = Files.readString(server.upstreamFile());
        // A renamed service: the site config still proxies to "app", which the new file no longer defines.
        var renamed = new Target("shop", "green", green.port(), "v2");

        assertThatThrownBy(() -> traffic.switchTo(host, renamed))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageStartingWith("web-1: nginx rejected the upstream file for green (port " + green.port()
                        + ", v2); the previous file is back in " + server.upstreamFile() + ":")
                .hasMessageContaining("host not found in upstream \"app\"");

        assertThat(Files.readString(server.upstreamFile())).isEqualTo(before);
        assertThat(get(server.url())).isEqualTo("v1");
    }

    @Test
    void shouldFailVerificationWhenTheNewColorDoesNotAnswer() throws Exception {
        var server = nginx.start(target(blue, "blue"));
        var settings = server.settings();
        var quick = new NginxSettings(settings.upstreamFile(), settings.publicUrl(), settings.testCommand(),
                settings.reloadCommand(), 20, Duration.ofMillis(50), settings.commandTimeout());
        int deadPort = green.port();
        green.close();

        assertThatThrownBy(() -> new NginxSwitch(quick, events::add).switchTo(host, new Target("app", "green", deadPort, "v2")))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("web-1: " + server.url() + " did not answer from 127.0.0.1:" + deadPort
                        + " after 20 requests; last: HTTP 502 from 127.0.0.1:" + deadPort);
        green = VersionServer.start("v2");
    }

    @Test
    void shouldLeaveAnUpstreamFileAnAdminWroteAlone() throws Exception {
        var server = nginx.start(target(blue, "blue"));
        var handWritten = "upstream app { server 127.0.0.1:" + blue.port() + "; }\n";
        Files.writeString(server.upstreamFile(), handWritten);

        assertThatThrownBy(() -> new NginxSwitch(server.settings(), events::add).switchTo(host, target(green, "green")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("web-1: " + server.upstreamFile() + ": expected an upstream file written by bluegreen");
        assertThat(Files.readString(server.upstreamFile())).isEqualTo(handWritten);
    }

    @Test
    void shouldTellNoTargetBeforeTheFirstDeploy() throws Exception {
        var server = nginx.start(target(blue, "blue"));
        Files.delete(server.upstreamFile());
        assertThat(new NginxSwitch(server.settings(), events::add).current(host)).isEmpty();
    }

    private static Target target(final VersionServer backend, final String color) {
        return new Target("app", color, backend.port(), backend.version());
    }

    private static String get(final URI url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
