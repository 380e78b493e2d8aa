package io.jenkins.plugins.bluegreen.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.net.URI;

import org.junit.jupiter.api.Test;

class NginxCommandsTest {
    private final NginxCommands commands = new NginxCommands(NginxSettings.defaults("app"));

    @Test
    void shouldReadTheUpstreamFileOrNothingWhenThereIsNone() {
        assertThat(commands.read().render())
                .isEqualTo("test '!' -e /etc/nginx/conf.d/app-upstream.conf || cat /etc/nginx/conf.d/app-upstream.conf");
    }

    @Test
    void shouldWriteBesideTheFileAndRenameOverIt() {
        assertThat(commands.write().render()).isEqualTo(
                "sh -c 'cat > \"$1\"' sh /etc/nginx/conf.d/app-upstream.conf.bluegreen-new"
                        + " && mv -f /etc/nginx/conf.d/app-upstream.conf.bluegreen-new /etc/nginx/conf.d/app-upstream.conf");
    }

    @Test
    void shouldQuoteAPathWithSpaces() {
        var odd = new NginxCommands(NginxSettings.defaults("app").withUpstreamFile("/etc/my nginx/app's.conf"));
        assertThat(odd.remove().render()).isEqualTo("rm -f '/etc/my nginx/app'\\''s.conf'");
    }

    @Test
    void shouldTestAndReloadWithTheDefaultCommands() {
        assertThat(commands.test().render()).isEqualTo("sh -c 'nginx -t'");
        assertThat(commands.reload().render()).isEqualTo("sh -c 'nginx -s reload'");
    }

    @Test
    void shouldRunTheAdminsReloadCommandAsWritten() {
        var sudo = new NginxCommands(NginxSettings.defaults("app")
                .withCommands("sudo nginx -t", "sudo systemctl reload nginx"));
        assertThat(sudo.test().render()).isEqualTo("sh -c 'sudo nginx -t'");
        assertThat(sudo.reload().render()).isEqualTo("sh -c 'sudo systemctl reload nginx'");
    }

    @Test
    void shouldExplainARelativeUpstreamFile() {
        assertThatThrownBy(() -> NginxSettings.defaults("app").withUpstreamFile("conf.d/app.conf"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("x-bluegreen/traffic/upstream_file: expected an absolute file path, got 'conf.d/app.conf'");
    }

    @Test
    void shouldExplainAPublicUrlThatIsNotHttp() {
        assertThatThrownBy(() -> NginxSettings.defaults("app").withPublicUrl(URI.create("ftp://127.0.0.1/")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("x-bluegreen/traffic/public_url: expected an http:// or https:// URL with a host,"
                        + " got 'ftp://127.0.0.1/'");
    }

    @Test
    void shouldExplainAnEmptyReloadCommand() {
        assertThatThrownBy(() -> NginxSettings.defaults("app").withCommands("nginx -t", " "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("x-bluegreen/traffic/reload: expected a shell command, got an empty value");
    }
}
