package io.jenkins.plugins.bluegreen.engine.deploy;

import static io.jenkins.plugins.bluegreen.engine.watch.Figures.percent;
import static io.jenkins.plugins.bluegreen.engine.watch.Figures.seconds;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.config.Watch;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.watch.IntervalJudge;
import io.jenkins.plugins.bluegreen.engine.watch.TrafficSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Watches the new release after the switch, where Kamal stops looking: for {@code watch.duration},
 * every {@code watch.interval}, each source says what the users' traffic to the new color did, and
 * an {@link IntervalJudge} per source holds it against the limits. The first source whose breaches
 * in a row run out ends the watch, and the caller switches back. A release that held gets the
 * checklist's verdict: healthy, or held but not healthy.
 */
final class PostSwitchWatch implements AutoCloseable {
    private final Watch watch;
    private final List<TrafficSource> sources;
    private final Timeline timeline;

    PostSwitchWatch(final Watch watch, final List<TrafficSource> sources, final Timeline timeline) {
        this.watch = watch;
        this.sources = List.copyOf(sources);
        this.timeline = timeline;
    }

    /**
     * Before traffic moves: every source can be read and reads what the watch needs.
     *
     * @throws InvalidInputException naming the setting that is wrong, what was found and what was expected
     */
    void check() {
        sources.forEach(TrafficSource::check);
    }

    /** Watches from now (just after the switch) until a verdict; interrupted by a cancel. */
    WatchReport run() throws InterruptedException {
        var judges = new ArrayList<IntervalJudge>();
        for (TrafficSource source : sources) {
            source.start();
            judges.add(new IntervalJudge(source.describe(), source.countsRequests(), watch));
        }
        timeline.info(Phase.WATCH, null, "watching " + sources.stream().map(TrafficSource::describe)
                .collect(Collectors.joining(" and ")) + " for " + seconds(watch.duration()) + ", every "
                + seconds(watch.interval()) + ": rolling back after " + watch.breaches() + " interval(s) in a row over"
                + " error rate " + percent(watch.errorRate().maxPercent()) + " or p95 " + seconds(watch.p95Latency())
                + "; healthy at error rate <= " + percent(watch.healthy().errorRatePercent()) + " and p95 <= "
                + seconds(watch.healthy().p95Latency()));
        long started = System.nanoTime();
        long end = started + watch.duration().toNanos();
        long extendedEnd = end + (watch.notEnoughTraffic() == Watch.NotEnoughTraffic.EXTEND
                ? watch.maxExtension().toNanos() : 0);
        boolean extending = false;
        for (long tick = 1; ; tick++) {
            long due = started + tick * watch.interval().toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long at = (System.nanoTime() - started) / 1_000_000;
            for (int i = 0; i < sources.size(); i++) {
                var judge = judges.get(i);
                var step = judge.add(at, sources.get(i).read());
                log(judge.source(), step.point());
                if (step.rollBack().isPresent()) {
                    return report(WatchReport.Verdict.ROLLED_BACK, step.rollBack().get(), judges);
                }
            }
            if (System.nanoTime() < end) {
                continue;
            }
            var unjudged = judges.stream().filter(j -> !j.judgedAny()).toList();
            if (unjudged.isEmpty()) {
                return verdict(judges);
            }
            if (System.nanoTime() < extendedEnd) {
                if (!extending) {
                    extending = true;
                    timeline.warn(Phase.WATCH, null, "not enough traffic to judge yet (" + watch.minRequests()
                            + " request(s) per interval): watching up to " + seconds(watch.maxExtension()) + " longer");
                }
                continue;
            }
            var why = "not enough traffic to judge: " + unjudged.stream().map(IntervalJudge::source)
                    .collect(Collectors.joining(", ")) + " never saw " + watch.minRequests() + " request(s) in an interval";
            if (watch.notEnoughTraffic() == Watch.NotEnoughTraffic.FAIL) {
                return report(WatchReport.Verdict.ROLLED_BACK, why, judges);
            }
            timeline.warn(Phase.WATCH, null, why + "; the release stays (not_enough_traffic: "
                    + watch.notEnoughTraffic().name().toLowerCase(Locale.ROOT) + ")");
            return report(WatchReport.Verdict.NOT_JUDGED, why, judges);
        }
    }

    private WatchReport verdict(final List<IntervalJudge> judges) {
        var figures = judges.stream().map(j -> j.source() + ": " + j.figures()).collect(Collectors.joining("; "));
        var unhealthy = judges.stream().map(IntervalJudge::unhealthy).flatMap(Optional::stream).toList();
        if (unhealthy.isEmpty()) {
            var summary = "healthy after " + seconds(watch.duration()) + ": " + figures;
            timeline.info(Phase.WATCH, null, summary);
            return report(WatchReport.Verdict.HEALTHY, summary, judges);
        }
        var summary = "held, but not healthy by the checklist: " + String.join("; ", unhealthy);
        timeline.warn(Phase.WATCH, null, summary);
        return report(WatchReport.Verdict.HELD, summary, judges);
    }

    private void log(final String source, final WatchReport.Point point) {
        var line = new StringBuilder(source).append(" at ").append(seconds(Duration.ofMillis(point.atMillis()))).append(": ");
        var figures = new ArrayList<String>();
        if (point.requests() >= 0) {
            figures.add(point.requests() + " request(s)");
        }
        if (point.errorPercent() != null) {
            figures.add("error rate " + percent(point.errorPercent()));
        }
        if (point.p95Millis() != null) {
            figures.add("p95 " + seconds(Duration.ofMillis(point.p95Millis())));
        }
        line.append(figures.isEmpty() ? "no figures" : String.join(", ", figures));
        if (point.note().isEmpty()) {
            timeline.info(Phase.WATCH, null, line.toString());
        }
        else if (point.note().startsWith("not judged")) {
            timeline.info(Phase.WATCH, null, line + " (" + point.note() + ")");
        }
        else {
            timeline.warn(Phase.WATCH, null, line + " - " + point.note());
        }
    }

    private WatchReport report(final WatchReport.Verdict verdict, final String summary, final List<IntervalJudge> judges) {
        var limits = new WatchReport.Limits(watch.errorRate().maxPercent(), watch.p95Latency().toMillis(),
                watch.healthy().errorRatePercent(), watch.healthy().p95Latency().toMillis(), watch.breaches());
        return new WatchReport(verdict, summary, limits, judges.stream().map(IntervalJudge::series).toList());
    }

    @Override
    public void close() {
        sources.forEach(TrafficSource::close);
    }
}
