package io.jenkins.plugins.bluegreen.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class AccessLogLineTest {
    private static final WatchTraffic.NginxLog FIVE_XX = settings(List.of("5xx"), Optional.empty());

    @Test
    void shouldReadTheLineTheDocumentedFormatWrites() {
        var line = AccessLogLine.parse("{\"time\":\"2025-05-01T10:00:00+00:00\",\"status\":502,\"request_time\":0.123,"
                + "\"upstream_addr\":\"127.0.0.1:3002\",\"uri\":\"/orders?id=1\"}");

        assertThat(line).isEqualTo(new AccessLogLine(502, 123, OptionalInt.of(3002)));
        assertThat(line.servedBy(3002)).isTrue();
        assertThat(line.servedBy(3001)).isFalse();
    }

    @Test
    void shouldReadAStatusAndARequestTimeWrittenAsStrings() {
        assertThat(AccessLogLine.parse("{\"status\":\"404\",\"request_time\":\"1.5\",\"upstream_addr\":\"127.0.0.1:3001\"}"))
                .isEqualTo(new AccessLogLine(404, 1500, OptionalInt.of(3001)));
    }

    @Test
    void shouldTakeTheBackendThatAnsweredLastAfterARetryOrARedirect() {
        assertThat(parse("127.0.0.1:3001, 127.0.0.1:3002").upstreamPort()).hasValue(3002);
        assertThat(parse("127.0.0.1:3002 : 127.0.0.1:3001").upstreamPort()).hasValue(3001);
        assertThat(parse("[::1]:3002").upstreamPort()).hasValue(3002);
    }

    @Test
    void shouldTieNoColorToAnAnswerNoPortGave() {
        assertThat(parse("-").upstreamPort()).isEmpty();
        assertThat(parse("").upstreamPort()).isEmpty();
        assertThat(parse("unix:/run/app.sock").upstreamPort()).isEmpty();
        assertThat(parse("127.0.0.1:3002, unix:/run/app.sock").upstreamPort()).isEmpty();
        assertThat(parse("app").upstreamPort()).isEmpty();
    }

    @Test
    void shouldNameEveryMissingField() {
        assertThatThrownBy(() -> AccessLogLine.parse("{\"status\":200,\"uri\":\"/\"}"))
                .isInstanceOf(AccessLogLine.Malformed.class)
                .hasMessage("lacks request_time, upstream_addr");
        assertThatThrownBy(() -> AccessLogLine.parse("{\"status\":null,\"request_time\":0.1,\"upstream_addr\":\"-\"}"))
                .hasMessage("lacks status");
    }

    @Test
    void shouldSayALineIsNotJson() {
        assertThatThrownBy(() -> AccessLogLine.parse("127.0.0.1 - - [01/May/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 2"))
                .hasMessage("is not a JSON object, so it lacks status, request_time, upstream_addr");
    }

    @Test
    void shouldNameAValueOfTheWrongKind() {
        assertThatThrownBy(() -> AccessLogLine.parse("{\"status\":\"ok\",\"request_time\":0.1,\"upstream_addr\":\"-\"}"))
                .hasMessage("has status \"ok\", expected a number like 200");
        assertThatThrownBy(() -> AccessLogLine.parse("{\"status\":200,\"request_time\":\"-\",\"upstream_addr\":\"-\"}"))
                .hasMessage("has request_time \"-\", expected seconds like 0.123");
    }

    @Test
    void shouldCountAStatusOfAListedClassOrCode() {
        var rules = settings(List.of("5xx", "499"), Optional.empty());

        assertThat(line(500, 10).isError(rules)).isTrue();
        assertThat(line(503, 10).isError(rules)).isTrue();
        assertThat(line(499, 10).isError(rules)).isTrue();
        assertThat(line(404, 10).isError(rules)).isFalse();
        assertThat(line(200, 10).isError(rules)).isFalse();
        assertThat(line(404, 10).isError(settings(List.of("4xx"), Optional.empty()))).isTrue();
        assertThat(line(499, 10).isError(FIVE_XX)).isFalse();
    }

    @Test
    void shouldCountARequestAsSlowFromTheTimeoutOn() {
        var rules = settings(List.of("5xx"), Optional.of(Duration.ofSeconds(2)));

        assertThat(line(200, 2000).isError(rules)).isTrue();
        assertThat(line(200, 1999).isError(rules)).isFalse();
        assertThat(line(200, 60_000).isError(FIVE_XX)).isFalse();
    }

    private static AccessLogLine parse(final String upstreamAddr) {
        return AccessLogLine.parse("{\"status\":200,\"request_time\":0.001,\"upstream_addr\":\"" + upstreamAddr + "\"}");
    }

    private static AccessLogLine line(final int status, final long millis) {
        return new AccessLogLine(status, millis, OptionalInt.of(3002));
    }

    private static WatchTraffic.NginxLog settings(final List<String> errors, final Optional<Duration> timeout) {
        return new WatchTraffic.NginxLog(WatchTraffic.NginxLog.DEFAULT_ACCESS_LOG, errors, timeout);
    }
}
