package io.jenkins.plugins.bluegreen.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import org.junit.jupiter.api.Test;

class NginxUpstreamTest {
    private static final Target GREEN = new Target("app", "green", 3002, "v2.1.0");

    @Test
    void shouldRenderOneUpstreamBlockHeadedByTheMarker() {
        assertThat(NginxUpstream.render(GREEN)).isEqualTo("""
                # bluegreen: service=app color=green port=3002 version=v2.1.0
                # Written by each deploy and rollback; edits here are overwritten.
                upstream app {
                    server 127.0.0.1:3002;
                    keepalive 32;
                }
                """);
    }

    @Test
    void shouldReadBackTheTargetItWrote() {
        assertThat(NginxUpstream.parse(NginxUpstream.render(GREEN), "web-1: f")).contains(GREEN);
    }

    @Test
    void shouldTellNoTargetForAnAbsentFile() {
        assertThat(NginxUpstream.parse("", "web-1: f")).isEmpty();
    }

    @Test
    void shouldRefuseAFileSomebodyElseWrote() {
        assertThatThrownBy(() -> NginxUpstream.parse("upstream app { server 10.0.0.1:80; }\n",
                "web-1: /etc/nginx/conf.d/app-upstream.conf"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("web-1: /etc/nginx/conf.d/app-upstream.conf: expected an upstream file written by"
                        + " bluegreen (a '# bluegreen: service=... color=... port=... version=...' line), found one"
                        + " without it; move it away or choose another x-bluegreen/traffic/upstream_file");
    }

    @Test
    void shouldRefuseAServiceNameNginxCannotTake() {
        assertThatThrownBy(() -> NginxUpstream.render(new Target("app; include /etc/passwd", "green", 3002, "v2")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("traffic target service for the nginx upstream file: expected letters, digits, '.', '_'"
                        + " or '-', got 'app; include /etc/passwd'");
    }

    @Test
    void shouldRefuseAVersionThatWouldBreakTheMarkerLine() {
        assertThatThrownBy(() -> NginxUpstream.render(new Target("app", "green", 3002, "v2\nupstream x {")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("traffic target version for the nginx upstream file: expected one word");
    }

    @Test
    void shouldNameTheAddressNginxReportsForATarget() {
        assertThat(NginxUpstream.upstreamAddress(GREEN)).isEqualTo("127.0.0.1:3002");
    }
}
