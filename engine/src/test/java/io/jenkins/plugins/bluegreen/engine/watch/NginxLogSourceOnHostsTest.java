package io.jenkins.plugins.bluegreen.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.testbed.FreePorts;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The source over SSH on two test-bed hosts, each with its own nginx writing the JSON log at the
 * same path: what each host served is read from that host and added up.
 */
class NginxLogSourceOnHostsTest {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(2);

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    private final OkHttpClient client = new OkHttpClient();
    private final List<Connection> hosts = new ArrayList<>();

    @AfterEach
    void disconnect() {
        hosts.forEach(Connection::close);
        client.connectionPool().evictAll();
    }

    @Test
    void shouldAddUpWhatEveryHostsNewColorServed() throws Exception {
        // Nothing listens on the new color's port on either host: every request is nginx's 502 for it.
        int green = ScriptedHttpServer.closedPort();
        int proxyPort = FreePorts.forContainer();
        var servers = new ArrayList<NginxServer>();
        for (int i = 0; i < 2; i++) {
            servers.add(nginx.startOnHost(BED, i, "nginx-watch", proxyPort, new Target("app", "green", green, "v2"),
                    NginxServer.AccessLog.JSON));
            hosts.add(BED.connector().connect(BED.host(i)));
        }
        var source = new NginxLogSource(new WatchTraffic.NginxLog(servers.get(0).accessLog(), List.of("5xx"),
                Optional.empty()), new WatchedRelease("app", "green", "v2", green, hosts, Duration.ofSeconds(10)));
        source.check();
        source.start();

        get(servers.get(0).url(), 3);
        get(servers.get(1).url(), 2);
        servers.get(0).awaitAccessLog(3);
        servers.get(1).awaitAccessLog(2);
        var reading = source.read();

        assertThat(source.describe()).isEqualTo("nginx access log " + servers.get(0).accessLog() + " on 2 host(s)");
        assertThat(reading.requests()).as(reading.toString()).isEqualTo(5);
        assertThat(reading.errors()).isEqualTo(5);
    }

    private void get(final URI url, final int times) throws Exception {
        for (int i = 0; i < times; i++) {
            client.newCall(new Request.Builder().url(url.toString()).build()).execute().close();
        }
    }
}
