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

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three hosts, each a real nginx, switched together; the second one fails. */
class SwitchAllTest {
    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    private final List<Event> events = new ArrayList<>();
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
    void shouldSwitchEveryHostAndReturnWhatEachHadBefore() {
        var switched = new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget);

        assertThat(switched).extracting(SwitchAll.Switched::previous).containsOnly(Optional.of(blueTarget));
        for (Connection host : hosts) {
            assertThat(perHost().current(host)).contains(greenTarget);
        }
    }

    @Test
    void shouldPutBackTheHostsItTouchedWhenTheSecondFails() {
        switches.put("web-2", new FailsOn(switches.get("web-2"), greenTarget));

        assertThatThrownBy(() -> new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("web-2: traffic switch to green (port " + green.port() + ", v2) failed; restored web-2 to blue"
                        + " (port " + blue.port() + ", v1), web-1 to blue (port " + blue.port() + ", v1)\n"
                        + "web-2: the load balancer said no");

        for (Connection host : hosts) {
            assertThat(perHost().current(host)).as(host.host().name()).contains(blueTarget);
        }
        assertThat(events).extracting(Event::line).contains(
                "[switch] ERROR: web-2: switch to green (port " + green.port() + ", v2) failed",
                "[switch] WARNING: web-1: switched back to blue (port " + blue.port() + ", v1)");
        assertThat(events).extracting(Event::host).doesNotContain("web-3");
    }

    @Test
    void shouldSayWhichHostsItCouldNotPutBackWhenNginxIsDown() {
        servers.get("web-2").close();

        assertThatThrownBy(() -> new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageStartingWith("web-2: traffic switch to green (port " + green.port() + ", v2) failed;"
                        + " restored web-1 to blue (port " + blue.port() + ", v1); NOT restored: web-2 (switching back"
                        + " failed: web-2: nginx did not reload for blue")
                .hasMessageContaining("web-2: nginx did not reload for green");

        assertThat(perHost().current(hosts.get(0))).contains(blueTarget);
        assertThat(perHost().current(hosts.get(1))).as("file put back").contains(blueTarget);
        assertThat(perHost().current(hosts.get(2))).contains(blueTarget);
    }

    @Test
    void shouldSayItCannotPutBackHostsThatHadNoTargetBefore() throws Exception {
        for (NginxServer server : servers.values()) {
            Files.delete(server.upstreamFile());
        }
        switches.put("web-2", new FailsOn(switches.get("web-2"), greenTarget));

        assertThatThrownBy(() -> new SwitchAll(perHost(), events::add).switchTo(hosts, greenTarget))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("web-2: traffic switch to green (port " + green.port() + ", v2) failed; restored no host;"
                        + " NOT restored: web-2 (it had no previous target), web-1 (it had no previous target)\n"
                        + "web-2: the load balancer said no");
        assertThat(perHost().current(hosts.get(2))).isEmpty();
    }

    /** Each test host has its own nginx prefix; in production one switch serves all hosts alike. */
    private TrafficSwitch perHost() {
        return new TrafficSwitch() {
            @Override
            public void switchTo(final Connection host, final Target target) {
                of(host.host()).switchTo(host, target);
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

    /** A host whose load balancer refuses one target after nginx took it: the fake failure. */
    private record FailsOn(TrafficSwitch real, Target refused) implements TrafficSwitch {
        @Override
        public void switchTo(final Connection host, final Target target) {
            real.switchTo(host, target);
            if (target.equals(refused)) {
                throw new DeployFailedException(host.host() + ": the load balancer said no");
            }
        }

        @Override
        public Optional<Target> current(final Connection host) {
            return real.current(host);
        }

        @Override
        public void verify(final Connection host, final Target target) {
            real.verify(host, target);
        }
    }
}
