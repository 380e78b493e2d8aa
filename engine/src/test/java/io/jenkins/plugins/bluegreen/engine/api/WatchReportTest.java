package io.jenkins.plugins.bluegreen.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The watch's report as it leaves the engine for the build's record and the chat. */
class WatchReportTest {
    @Test
    void shouldMaskEveryTextAndKeepEveryFigure() {
        var report = new WatchReport(WatchReport.Verdict.ROLLED_BACK, "rolled back: token=hunter2",
                new WatchReport.Limits(5, 2000, 0.5, 2000, 2),
                List.of(new WatchReport.Series("log with hunter2", List.of(
                        new WatchReport.Point(2000, 120, 10.0, 15L, "a line of it: GET /?token=hunter2")), 10.0, 15L)));

        var masked = report.masked(text -> text.replace("hunter2", "****"));

        assertThat(masked.summary()).isEqualTo("rolled back: token=****");
        assertThat(masked.series().get(0).source()).isEqualTo("log with ****");
        assertThat(masked.series().get(0).points().get(0))
                .isEqualTo(new WatchReport.Point(2000, 120, 10.0, 15L, "a line of it: GET /?token=****"));
        assertThat(masked.limits()).isEqualTo(report.limits());
        assertThat(masked.verdict()).isEqualTo(report.verdict());
    }
}
