package io.jenkins.plugins.bluegreen.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.testbed.LocalShell;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer;
import io.jenkins.plugins.bluegreen.engine.testbed.ScriptedHttpServer.Reply;
import io.jenkins.plugins.bluegreen.engine.traffic.Target;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access-log source against a real nginx writing the JSON log of docs/traffic.md, with real
 * requests through it to two backends on loopback: green, the new color behind the upstream the
 * switch writes, and blue, the old color, still reached under /old/ as old workers would.
 */
class NginxLogSourceTest {
    private static final List<String> FIVE_XX = List.of("5xx");

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    private final OkHttpClient client = new OkHttpClient();
    private final Connection web1 = LocalShell.host("web-1");
    private final ScriptedHttpServer blue = new ScriptedHttpServer();
    private final ScriptedHttpServer green = new ScriptedHttpServer();
    private NginxServer server;

    @BeforeEach
    void startNginx() {
        server = nginx.start(new Target("app", "green", port(green), "v2"), NginxServer.AccessLog.JSON, port -> String.join("\n",
                "server {",
                "    listen 127.0.0.1:" + port + ";",
                "    location = /up { return 204; }",
                "    location /old/ { proxy_pass http://127.0.0.1:" + port(blue) + "; }",
                "    location / { proxy_pass http://app; }",
                "}"));
    }

    @AfterEach
    void stopBackends() {
        blue.close();
        green.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Test
    void shouldCountOnlyTheNewColorsRequestsAndEachOnlyOnce() throws Exception {
        var source = source(FIVE_XX, Optional.empty());
        source.check();
        green.on("/orders", greenReplies());
        blue.on("/old/orders", Reply.of(500, "old"));
        source.start();

        get("/orders", 100);
        get("/old/orders", 20);
        get("/up", 5);
        server.awaitAccessLog(125);
        var first = source.read();

        assertThat(first.ok()).as(first.toString()).isTrue();
        assertThat(first.requests()).isEqualTo(100);
        assertThat(first.errors()).isEqualTo(10);
        // Six of the hundred waited 200 ms at the backend: the 95th fastest is one of them.
        assertThat(first.p95()).hasValueSatisfying(p95 -> assertThat(p95).isGreaterThanOrEqualTo(Duration.ofMillis(200)));

        green.on("/orders", Reply.of(200, "ok"));
        get("/orders", 7);
        get("/old/orders", 3);
        server.awaitAccessLog(135);

        var second = source.read();

        assertThat(second.requests()).isEqualTo(7);
        assertThat(second.errors()).isZero();
    }

    @Test
    void shouldReadOnlyWhatCameSinceTheLastRead() throws Exception {
        var source = source(FIVE_XX, Optional.empty());
        green.on("/orders", Reply.of(200, "ok"));
        get("/orders", 3);
        server.awaitAccessLog(3);
        source.start();

        get("/orders", 4);
        server.awaitAccessLog(7);
        var first = source.read();
        get("/orders", 2);
        server.awaitAccessLog(9);
        var second = source.read();

        assertThat(first.requests()).isEqualTo(4);
        assertThat(second.requests()).isEqualTo(2);
        assertThat(source.read().requests()).isZero();
    }

    @Test
    void shouldCountA499OrASlowRequestOnlyWhenTheSettingsSaySo() throws Exception {
        green.on("/slow", new Reply(200, "late", Duration.ofMillis(1500)));
        var only5xx = source(FIVE_XX, Optional.empty());
        var with499 = source(List.of("5xx", "499"), Optional.empty());
        var with499AndTimeout = source(List.of("5xx", "499"), Optional.of(Duration.ofSeconds(1)));
        List.of(only5xx, with499, with499AndTimeout).forEach(NginxLogSource::start);

        // The user gives up first: nginx logs 499, the client closed the request.
        var impatient = client.newBuilder().callTimeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> get(impatient, "/slow")).isInstanceOf(InterruptedIOException.class);
        // This one waits, and gets its 200 after the 1 s timeout.
        get("/slow", 1);
        server.awaitAccessLog(2);

        assertThat(only5xx.read().errors()).isZero();
        assertThat(with499.read().errors()).isEqualTo(1);
        assertThat(with499AndTimeout.read()).satisfies(r -> {
            assertThat(r.requests()).isEqualTo(2);
            assertThat(r.errors()).isEqualTo(2);
        });
    }

    @Test
    void shouldReadARotatedLogFromItsStart() throws Exception {
        var source = source(FIVE_XX, Optional.empty());
        green.on("/orders", Reply.of(500, "down"));
        source.start();
        get("/orders", 6);
        server.awaitAccessLog(6);
        assertThat(source.read().requests()).isEqualTo(6);

        // Truncated in place, as logrotate's copytruncate does: nginx goes on writing at the new end.
        Files.write(server.accessLogFile(), new byte[0]);
        get("/orders", 2);
        server.awaitAccessLog(2);

        assertThat(source.read()).satisfies(r -> {
            assertThat(r.requests()).isEqualTo(2);
            assertThat(r.errors()).isEqualTo(2);
        });
    }

    @Test
    void shouldLeaveALineNginxIsStillWritingForTheNextRead() throws Exception {
        var source = source(FIVE_XX, Optional.empty());
        source.start();
        var line = "{\"status\":503,\"request_time\":0.010,\"upstream_addr\":\"127.0.0.1:" + port(green) + "\"}\n";
        append(line.substring(0, 20));

        assertThat(source.read()).isEqualTo(Reading.counted(0));

        append(line.substring(20));

        assertThat(source.read()).isEqualTo(Reading.counted(1, 10));
    }

    @Test
    void shouldPassTheCheckOfALogWithNothingInItYet() {
        assertThat(server.accessLogFile()).isEmptyFile();

        source(FIVE_XX, Optional.empty()).check();
    }

    @Test
    void shouldRefuseAMissingLogNamingTheKeyHostAndReason(@TempDir final Path dir) {
        var missing = dir.resolve("bluegreen.json").toString();
        var source = new NginxLogSource(new WatchTraffic.NginxLog(missing, FIVE_XX, Optional.empty()), release(web1));

        assertThatThrownBy(source::check).isInstanceOf(InvalidInputException.class)
                .hasMessage("x-bluegreen/watch/traffic/nginx/access_log: cannot read " + missing + " on web-1: no such file;"
                        + " expected the file nginx writes one JSON object per request to"
                        + " (see docs/traffic.md, \"Watching real traffic\")");
    }

    @Test
    void shouldRefuseNginxsDefaultFormatNamingTheFieldsItLacks() throws Exception {
        var combined = nginx.start(new Target("app", "green", port(green), "v2"), NginxServer.AccessLog.COMBINED,
                port -> "server { listen 127.0.0.1:" + port + "; location / { proxy_pass http://app; } }");
        green.on("/orders", Reply.of(200, "ok"));
        client.newCall(new Request.Builder().url(combined.url().resolve("/orders").toString()).build()).execute().close();
        combined.awaitAccessLog(1);
        var line = Files.readAllLines(combined.accessLogFile()).get(0);
        var source = new NginxLogSource(new WatchTraffic.NginxLog(combined.accessLog(), FIVE_XX, Optional.empty()),
                release(LocalShell.host("web-2")));

        assertThatThrownBy(source::check).isInstanceOf(InvalidInputException.class)
                .hasMessage("x-bluegreen/watch/traffic/nginx/access_log: the last line of " + combined.accessLog()
                        + " on web-2 is not a JSON object, so it lacks status, request_time, upstream_addr; found: " + line
                        + "; expected one JSON object per request with status, request_time and upstream_addr"
                        + " (see docs/traffic.md, \"Watching real traffic\")");
    }

    @Test
    void shouldFailAReadNamingTheHostTheFileAndWhatWasWrong() throws Exception {
        var source = source(FIVE_XX, Optional.empty());
        source.start();
        append("{\"status\":200}\n");

        assertThat(source.read().problem()).isEqualTo("web-1: a line of " + server.accessLog()
                + " lacks request_time, upstream_addr; found: {\"status\":200}");

        Files.delete(server.accessLogFile());

        assertThat(source.read().problem()).isEqualTo("web-1: cannot read " + server.accessLog() + ": no such file");
    }

    @Test
    void shouldDescribeWhereTheNumbersComeFrom() {
        var settings = new WatchTraffic.NginxLog(WatchTraffic.NginxLog.DEFAULT_ACCESS_LOG, FIVE_XX, Optional.empty());

        assertThat(new NginxLogSource(settings, release(web1, LocalShell.host("web-2"))).describe())
                .isEqualTo("nginx access log /var/log/nginx/bluegreen.json on 2 host(s)");
    }

    /** 100 answers: every tenth a 500, the first six slow. */
    private static Reply[] greenReplies() {
        var replies = new ArrayList<Reply>();
        for (int i = 0; i < 100; i++) {
            replies.add(new Reply(i % 10 == 9 ? 500 : 200, "v2", Duration.ofMillis(i < 6 ? 200 : 0)));
        }
        return replies.toArray(Reply[]::new);
    }

    private NginxLogSource source(final List<String> errors, final Optional<Duration> timeout) {
        return new NginxLogSource(new WatchTraffic.NginxLog(server.accessLog(), errors, timeout), release(web1));
    }

    private WatchedRelease release(final Connection... hosts) {
        return new WatchedRelease("app", "green", "v2", port(green), List.of(hosts), Duration.ofSeconds(10));
    }

    private void get(final String path, final int times) throws IOException {
        for (int i = 0; i < times; i++) {
            get(client, path);
        }
    }

    private void get(final OkHttpClient http, final String path) throws IOException {
        http.newCall(new Request.Builder().url(server.url().resolve(path).toString()).build()).execute().close();
    }

    private void append(final String text) throws IOException {
        Files.writeString(server.accessLogFile(), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static int port(final ScriptedHttpServer backend) {
        return Integer.parseInt(backend.url("").replaceAll(".*:", ""));
    }
}
