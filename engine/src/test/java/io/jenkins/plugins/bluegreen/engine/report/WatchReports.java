package io.jenkins.plugins.bluegreen.engine.report;

import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import java.util.List;

/** Watches as the engine reports them, for the record, chat and chart tests. */
final class WatchReports {
    static final WatchReport.Limits LIMITS = new WatchReport.Limits(5, 2000, 0.5, 800, 2);

    private WatchReports() {}

    /** The access log saw the error rate climb over 5% for two intervals in a row. */
    static WatchReport rolledBack(final String source) {
        return new WatchReport(WatchReport.Verdict.ROLLED_BACK, "error rate over 5% for 2 intervals in a row", LIMITS,
                List.of(new WatchReport.Series(source, List.of(
                        new WatchReport.Point(10_000, 120, 0.1, 95L, ""),
                        new WatchReport.Point(20_000, 98, 12.0, 140L, "breach 1/2: error rate 12.00% > 5%"),
                        new WatchReport.Point(30_000, 131, 11.0, 150L, "breach 2/2: error rate 11.00% > 5%")),
                        7.9, 140L)));
    }

    /** Two sources: an access log that counts requests and Prometheus, which had no data once. */
    static WatchReport healthy() {
        return new WatchReport(WatchReport.Verdict.HEALTHY, "error rate 0.2%, p95 180 ms over 30 s", LIMITS, List.of(
                new WatchReport.Series("nginx /var/log/nginx/access.log", List.of(
                        new WatchReport.Point(10_000, 120, 0.1, 170L, ""),
                        new WatchReport.Point(20_000, 98, 0.25, 180L, ""),
                        new WatchReport.Point(30_000, 131, 0.2, 185L, "")), 0.2, 180L),
                new WatchReport.Series("prometheus http://127.0.0.1:9090", List.of(
                        new WatchReport.Point(10_000, -1, 0.15, 160L, ""),
                        new WatchReport.Point(20_000, -1, null, null, "no data: connection refused"),
                        new WatchReport.Point(30_000, -1, 0.2, 175L, "")), null, null)));
    }
}
