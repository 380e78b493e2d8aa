package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which commands in a config's ERB count as version helpers, and the exact git arguments each becomes. */
class WorkspaceGitTest {
    @Test
    void shouldRecognizeTheVersionHelpersRealFilesUse() {
        assertThat(WorkspaceGit.recognize("git rev-parse HEAD")).contains(List.of("rev-parse", "HEAD"));
        assertThat(WorkspaceGit.recognize(" git rev-parse  --short HEAD ")).contains(List.of("rev-parse", "--short", "HEAD"));
        assertThat(WorkspaceGit.recognize("git rev-parse --short=08 HEAD")).contains(List.of("rev-parse", "--short=8", "HEAD"));
        assertThat(WorkspaceGit.recognize("git rev-parse --abbrev-ref HEAD")).contains(List.of("rev-parse", "--abbrev-ref", "HEAD"));
        assertThat(WorkspaceGit.recognize("git describe")).contains(List.of("describe"));
        assertThat(WorkspaceGit.recognize("git describe --tags --always --dirty --abbrev=7"))
                .contains(List.of("describe", "--tags", "--always", "--dirty", "--abbrev=7"));
    }

    @Test
    void shouldRecognizeNothingElse() {
        for (String command : List.of("git rev-parse HEAD; rm -rf /", "git rev-parse HEAD && id", "git -c core.pager=id log",
                "git describe --tags $(id)", "git describe --match=`id`", "git rev-parse --git-dir", "git log -1",
                "git rev-parse --short=100 HEAD", "git describe --short=7", "gitx rev-parse HEAD", "hostname", "git")) {
            assertThat(WorkspaceGit.recognize(command)).as(command).isEmpty();
        }
    }
}
