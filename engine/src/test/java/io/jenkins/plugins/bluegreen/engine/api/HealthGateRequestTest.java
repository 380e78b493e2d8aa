package io.jenkins.plugins.bluegreen.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class HealthGateRequestTest {
    @Test
    void shouldSplitUrlsOnSpacesCommasAndNewLines() {
        var r = HealthGateRequest.parse(" http://127.0.0.1:3000/health,https://web-1.internal/health/ready\n"
                + "http://[::1]:8080/health/live ", null);

        assertThat(r.urls()).containsExactly(URI.create("http://127.0.0.1:3000/health"),
                URI.create("https://web-1.internal/health/ready"), URI.create("http://[::1]:8080/health/live"));
        assertThat(r.gate()).isEqualTo(GateSettings.DEFAULTS);
    }

    @Test
    void shouldRequireAtLeastOneUrl() {
        assertThatThrownBy(() -> HealthGateRequest.parse("  ", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("urls: expected at least one http:// or https:// URL, got none");
    }

    @Test
    void shouldNameTheUrlThatIsNotHttp() {
        assertThatThrownBy(() -> HealthGateRequest.parse("http://a/health ftp://b/health", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("urls: expected http:// or https:// URLs with a host, got 'ftp://b/health' as URL 2");
        assertThatThrownBy(() -> HealthGateRequest.parse("/health", null))
                .hasMessage("urls: expected http:// or https:// URLs with a host, got '/health' as URL 1");
    }

    @Test
    void shouldExplainAUrlThatDoesNotParse() {
        assertThatThrownBy(() -> HealthGateRequest.parse("http://web^1/health", null))
                .hasMessageStartingWith("urls: expected http:// or https:// URLs with a host, got 'http://web^1/health'"
                        + " as URL 1 (");
    }
}
