package io.jenkins.plugins.bluegreen.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ResponseRuleTest {
    private static final GateTarget HEALTH = new GateTarget("web-1", "http://127.0.0.1:3002/health");
    private static final GateTarget READY = new GateTarget("web-1", "http://127.0.0.1:3002/health/ready");
    private static final String REDIS_DOWN = "{\"status\":\"ready\",\"checks\":{\"database\":true,\"redis\":false,\"queue\":\"stuck\"}}";

    private static ResponseRule rule(final String jsonStatus) {
        return new ResponseRule(new GateSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), null, 3, 1,
                StatusRange.parse("200-299"), jsonStatus));
    }

    @Test
    void shouldJudgeStatusFirst() {
        assertThat(rule(null).failure(HEALTH, 200, "")).isNull();
        assertThat(rule(null).failure(HEALTH, 503, "{}")).isEqualTo("status outside 200-299");
        assertThat(rule(null).failure(HEALTH, 302, "")).isEqualTo("status outside 200-299");
    }

    @Test
    void shouldRequireChecksOnReadinessPathsByDefault() {
        assertThat(READY.requireChecks()).isTrue();
        assertThat(HEALTH.requireChecks()).isFalse();
        assertThat(rule(null).failure(HEALTH, 200, REDIS_DOWN)).isNull();
        assertThat(rule(null).failure(new GateTarget("web-1", HEALTH.url(), true), 200, REDIS_DOWN))
                .isEqualTo("checks redis: false, queue: \"stuck\"");
        assertThat(rule(null).failure(new GateTarget("web-1", READY.url(), false), 200, REDIS_DOWN)).isNull();
    }

    @Test
    void shouldNameEveryFailedCheckEvenBehindA503() {
        assertThat(rule(null).failure(READY, 200, REDIS_DOWN)).isEqualTo("checks redis: false, queue: \"stuck\"");
        assertThat(rule(null).failure(READY, 200, "{\"checks\":{\"redis\":false}}")).isEqualTo("check redis: false");
        assertThat(rule(null).failure(READY, 503, "{\"status\":\"not_ready\",\"checks\":{\"redis\":false}}"))
                .isEqualTo("status outside 200-299; check redis: false");
        assertThat(rule(null).failure(READY, 503, "Service Unavailable")).isEqualTo("status outside 200-299");
    }

    @Test
    void shouldRefuseAReadinessAnswerWithoutChecks() {
        assertThat(rule(null).failure(READY, 200, "{\"status\":\"ready\"}")).isEqualTo("body has no \"checks\" object");
        assertThat(rule(null).failure(READY, 200, "OK")).isEqualTo("body is not a JSON object");
        assertThat(rule(null).failure(HEALTH, 200, "OK")).isNull();
    }

    @Test
    void shouldCompareTheBodyStatus() {
        assertThat(rule("ok").failure(HEALTH, 200, "{\"status\":\"ok\",\"version\":\"v2\"}")).isNull();
        assertThat(rule("ok").failure(HEALTH, 200, "{\"status\":\"degraded\"}"))
                .isEqualTo("body status \"degraded\", expected \"ok\"");
        assertThat(rule("ok").failure(HEALTH, 200, "{}")).isEqualTo("body status missing, expected \"ok\"");
        assertThat(rule("ok").failure(HEALTH, 200, "ok")).isEqualTo("body is not a JSON object");
    }

    @Test
    void shouldExplainBadSettings() {
        assertThatThrownBy(() -> StatusRange.parse("2xx")).isInstanceOf(InvalidInputException.class)
                .hasMessage("gate.status: expected an HTTP status or range like 200-299, got '2xx'");
        assertThatThrownBy(() -> new GateSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), null, 0, 1, null, null))
                .hasMessage("gate: expected a deadline or max_attempts, got neither; the gate would never give up");
        assertThatThrownBy(() -> new GateSettings(Duration.ofSeconds(1), Duration.ZERO, null, 3, 1, null, null))
                .hasMessage("gate.timeout: expected a positive duration, got 0.0s");
        assertThatThrownBy(() -> new GateTarget("web-1", "127.0.0.1:3002/health"))
                .hasMessage("gate url: expected http(s)://host[:port]/path, got '127.0.0.1:3002/health'");
    }
}
