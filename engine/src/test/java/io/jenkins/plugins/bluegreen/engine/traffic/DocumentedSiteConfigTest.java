package io.jenkins.plugins.bluegreen.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.testbed.LocalShell;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxExtension;
import io.jenkins.plugins.bluegreen.engine.testbed.VersionServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server block docs/traffic.md gives admins is real nginx config that the switch works with. */
class DocumentedSiteConfigTest {
    private static final Path DOC = Path.of("../docs/traffic.md");
    private static final Pattern NGINX_BLOCK = Pattern.compile("```nginx\n(server \\{.*?\n})\n```", Pattern.DOTALL);

    @RegisterExtension
    final NginxExtension nginx = new NginxExtension();

    @Test
    void shouldSwitchThroughTheServerBlockTheDocsGive() throws Exception {
        var m = NGINX_BLOCK.matcher(Files.readString(DOC));
        assertThat(m.find()).as("a ```nginx block starting with 'server {' in " + DOC).isTrue();
        var documented = m.group(1);
        assertThat(documented).contains("listen 80;");

        try (var blue = VersionServer.start("v1"); var green = VersionServer.start("v2")) {
            var server = nginx.start(new Target("app", "blue", blue.port(), "v1"),
                    port -> documented.replace("listen 80;", "listen 127.0.0.1:" + port + ";"));
            var traffic = new NginxSwitch(server.settings(), EventSink.discard());

            traffic.switchTo(LocalShell.host("web-1"), new Target("app", "green", green.port(), "v2"));

            assertThat(traffic.current(LocalShell.host("web-1"))).map(Target::color).contains("green");
        }
    }
}
