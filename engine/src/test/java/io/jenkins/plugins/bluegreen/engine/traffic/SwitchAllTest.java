package io.jenkins.plugins.bluegreen.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.testbed.LocalShell;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;
import io.jenkins.plugins.bluegreen.engine.testbed.VersionServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three hosts, each a real nginx, switched together; one of them fails in one phase or another. */
class SwitchAllTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Connection> hosts = List.of(LocalShell.host("web-1"), LocalShell.host("web-2"),
            LocalShell.host("web-3"));
    private final Map<String, NginxServer> servers = new HashMap<>();
    private final Map<String, TrafficSwitch> switches = new HashMap<>();
    private VersionServer blue;
    private VersionServer green;
    private Target blueTarget;
    private Target greenTarget;

    @BeforeEach
    void startHosts() {
        blue = VersionServer.start("v1");
        green = VersionServer.start("v2");
        blueTarget = new Target("app", "blue", blue.port(), "v1");
        greenTarget = new Target("app", "green", green.port(), "v2");
        for (Connection host : hosts) {
            var server = nginx.start(blueTarget);
            servers.put(host.host().name(), server);
            switches.put(host.host().name(), new NginxSwitch(server.settings(), events::add));
        }
    }

    @AfterEach
    void stopBackends() {
        blue.close();
        green.close();
    }

    @Test
    void shouldSwitchEveryHostAndReturnWhatEachHadBeforeAndTheSkew() throws Exception {
        var result = new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget);

        assertThat(result.hosts()).extracting(SwitchAll.Switched::host)
                .containsExactly(hosts.stream().map(Connection::host).toArray(Host[]::new));
        assertThat(result.hosts()).extracting(SwitchAll.Switched::previous).containsOnly(Optional.of(blueTarget));
        for (Connection host : hosts) {
            assertThat(perHost().current(host)).contains(greenTarget);
            assertThat(served(host)).isEqualTo("v2");
        }
        var skew = result.skew();
        assertThat(List.of(skew.first(), skew.last())).allMatch(h -> hosts.stream().anyMatch(c -> c.host().equals(h)));
        assertThat(skew.spread().isNegative()).isFalse();
        assertThat(events).extracting(Event::line).contains("[switch] every host serves " + greenTarget.describe()
                + "; " + skew.describe());
        assertThat(skew.describe()).matches("switch skew \\d+ ms \\(web-\\d first, web-\\d last\\)");
    }

    @Test
    void shouldWithdrawEveryHostAndMoveNoTrafficWhenOneFailsItsTest() throws Exception {
        var before = Files.readString(servers.get("web-2").upstreamFile());
        replace("web-2", s -> s.withCommands("echo 'nginx: test failed on purpose' >&2; exit 1", s.reloadCommand()));

        assertThatThrownBy(() -> new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("web-2: traffic switch to " + greenTarget.describe() + " failed; traffic never moved;"
                        + " withdrew the prepared switch on web-1, web-3\n"
                        + "web-2: nginx rejected the upstream file for " + greenTarget.describe()
                        + "; the previous file is back in " + servers.get("web-2").upstreamFile() + ":\n"
                        + "  nginx: test failed on purpose");

        for (Connection host : hosts) {
            assertThat(Files.readString(servers.get(host.host().name()).upstreamFile())).as(host.host().name())
                    .isEqualTo(before);
            assertThat(served(host)).isEqualTo("v1");
        }
        assertThat(events).extracting(Event::message).noneMatch(m -> m.startsWith("nginx reloaded"));
    }

    @Test
    void shouldPutEveryHostBackWhenOneFailsToReload() throws Exception {
        var file = servers.get("web-2").upstreamFile();
        // nginx on web-2 refuses to reload onto green, and only onto green: going back works.
        replace("web-2", s -> s.withCommands(s.testCommand(), "if grep -q 127.0.0.1:" + green.port() + " " + file
                + "; then echo 'nginx: reload refused' >&2; exit 1; fi; " + s.reloadCommand()));

        assertThatThrownBy(() -> new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("web-2: traffic switch to " + greenTarget.describe() + " failed; restored"
                        + " web-1 to " + blueTarget.describe() + ", web-2 to " + blueTarget.describe()
                        + ", web-3 to " + blueTarget.describe() + "\n"
                        + "web-2: nginx did not reload for " + greenTarget.describe() + "; the previous file is back in "
                        + file + ":\n  nginx: reload refused");

        for (Connection host : hosts) {
            assertThat(perHost().current(host)).as(host.host().name()).contains(blueTarget);
            assertThat(served(host)).as(host.host().name()).isEqualTo("v1");
        }
        assertThat(events).extracting(Event::line).contains(
                "[switch] ERROR: web-2: switch to " + greenTarget.describe() + " failed",
                "[switch] WARNING: web-1: switched back to " + blueTarget.describe(),
                "[switch] WARNING: web-3: switched back to " + blueTarget.describe());
    }

    @Test
    void shouldPutEveryHostBackWhenOneFailsVerification() throws Exception {
        switches.put("web-2", new FailsVerifyOn(switches.get("web-2"), greenTarget));

        assertThatThrownBy(() -> new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("web-2: traffic switch to " + greenTarget.describe() + " failed; restored"
                        + " web-1 to " + blueTarget.describe() + ", web-2 to " + blueTarget.describe()
                        + ", web-3 to " + blueTarget.describe() + "\n"
                        + "web-2: the load balancer said no");

        for (Connection host : hosts) {
            assertThat(perHost().current(host)).as(host.host().name()).contains(blueTarget);
            assertThat(served(host)).as(host.host().name()).isEqualTo("v1");
        }
    }

    @Test
    void shouldSayWhichHostsItCouldNotPutBackWhenNginxIsDown() {
        servers.get("web-2").close();

        assertThatThrownBy(() -> new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageStartingWith("web-2: traffic switch to " + greenTarget.describe() + " failed;"
                        + " restored web-1 to " + blueTarget.describe() + ", web-3 to " + blueTarget.describe()
                        + "; NOT restored: web-2 (switching back failed: web-2: nginx did not reload for blue")
                .hasMessageContaining("\nweb-2: nginx did not reload for green");

        for (Connection host : hosts) {
            assertThat(perHost().current(host)).as(host.host().name() + ": file put back").contains(blueTarget);
        }
    }

    @Test
    void shouldSayItCannotPutBackHostsThatHadNoTargetBefore() throws Exception {
        for (NginxServer server : servers.values()) {
            Files.delete(server.upstreamFile());
        }
        switches.put("web-2", new FailsVerifyOn(switches.get("web-2"), greenTarget));

        assertThatThrownBy(() -> new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("web-2: traffic switch to " + greenTarget.describe() + " failed; restored no host;"
                        + " NOT restored: web-1 (it had no previous target), web-2 (it had no previous target),"
                        + " web-3 (it had no previous target)\n"
                        + "web-2: the load balancer said no");
    }

    @Test
    void shouldSendEveryHostBackThatCanGoWhenOneCannot() throws Exception {
        new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget);
        servers.get("web-2").close();
        var back = new SwitchAll(perHost(), events::add)
                .switchBack(hosts.stream().map(h -> new SwitchAll.Move(h, blueTarget)).toList());

        assertThat(back.answered()).containsOnlyKeys(hosts.get(0).host(), hosts.get(2).host());
        assertThat(back.failures()).containsOnlyKeys(hosts.get(1).host());
        assertThat(back.failures().get(hosts.get(1).host())).startsWith("web-2: nginx did not reload for blue");
        assertThat(back.skew()).hasValueSatisfying(s -> assertThat(s.describe()).startsWith("switch skew "));
        assertThat(served(hosts.get(0))).isEqualTo("v1");
        assertThat(served(hosts.get(2))).isEqualTo("v1");
    }

    /** Gives one host's nginx other settings, as an admin's own test or reload commands would. */
    private void replace(final String host, final UnaryOperator<NginxSettings> change) {
        switches.put(host, new NginxSwitch(change.apply(servers.get(host).settings()), events::add));
    }

    private String served(final Connection host) throws IOException, InterruptedException {
        URI url = servers.get(host.host().name()).url();
        return CLIENT.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Each test host has its own nginx prefix; in production one switch serves all hosts alike. */
    private TrafficSwitch perHost() {
        return new TrafficSwitch() {
            @Override
            public PreparedSwitch prepare(final Connection host, final Target target) {
                return of(host.host()).prepare(host, target);
            }

            @Override
            public Optional<Target> current(final Connection host) {
                return of(host.host()).current(host);
            }

            @Override
            public void verify(final Connection host, final Target target) {
                of(host.host()).verify(host, target);
            }

            private TrafficSwitch of(final Host host) {
                return switches.get(host.name());
            }
        };
    }

    /** A host whose load balancer refuses one target after nginx took it: the fake failure at verification. */
    private record FailsVerifyOn(TrafficSwitch real, Target refused) implements TrafficSwitch {
        @Override
        public PreparedSwitch prepare(final Connection host, final Target target) {
            return real.prepare(host, target);
        }

        @Override
        public Optional<Target> current(final Connection host) {
            return real.current(host);
        }

        @Override
        public void verify(final Connection host, final Target target) {
            real.verify(host, target);
            if (target.equals(refused)) {
                throw new DeployFailedException(host.host() + ": the load balancer said no");
            }
        }
    }
}
