package io.jenkins.plugins.bluegreen.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;
import io.jenkins.plugins.bluegreen.engine.testbed.NginxServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The log docs/traffic.md tells admins to add is the one the watch's tests read from a real nginx. */
class DocumentedAccessLogTest {
    private static final Path DOC = Path.of("../docs/traffic.md");
    private static final Pattern LOG_BLOCK = Pattern.compile("```nginx\n(log_format bluegreen .*?)\n```", Pattern.DOTALL);

    @Test
    void shouldDocumentTheFormatTheTestsRunAndTheDefaultPath() throws Exception {
        var m = LOG_BLOCK.matcher(Files.readString(DOC));
        assertThat(m.find()).as("a ```nginx block starting with 'log_format bluegreen' in " + DOC).isTrue();

        assertThat(m.group(1)).isEqualTo(NginxServer.JSON_LOG_FORMAT + "\naccess_log "
                + WatchTraffic.NginxLog.DEFAULT_ACCESS_LOG + " bluegreen;");
    }
}
