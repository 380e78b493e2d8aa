package io.jenkins.plugins.bluegreen.engine.report;

import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import io.jenkins.plugins.bluegreen.engine.notify.Notification;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What one deployment step did, for the build page and the job's history: which release went
 * where, on which color and hosts, how it ended, its phase timeline and health results, when and
 * for whom, and what the watch after the switch saw. Plain strings and lists, so a build's saved
 * record reads back whatever the engine's own types become. Built by {@link Attempt}.
 */
public final class DeploymentRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final String destination;
    private final String version;
    private final String previousVersion;
    private final String color;
    private final Outcome outcome;
    private final List<String> hosts;
    private final List<PhaseTime> timeline;
    private final List<String> health;
    private final String detail;
    private final String at;
    private final String user;
    /** {@code null} when nothing was watched, and in records saved before the watch was kept. */
    private final WatchSummary watch;

    DeploymentRecord(final Attempt attempt, final Outcome outcome, final Shown shown) {
        this.step = attempt.step();
        this.destination = attempt.destination();
        this.version = shown.version() == null ? attempt.version() : shown.version();
        this.previousVersion = shown.previousVersion();
        this.color = shown.color();
        this.outcome = outcome;
        // ArrayLists, not List.copyOf: the build's XML is written by reflection, which the JDK's
        // immutable lists refuse on Java 17+.
        this.hosts = new ArrayList<>(shown.hosts());
        this.timeline = new ArrayList<>(shown.timeline());
        this.health = new ArrayList<>(shown.health());
        this.detail = shown.detail();
        this.at = attempt.at().toString();
        this.user = attempt.user();
        this.watch = WatchSummary.of(shown.watch());
    }

    /** What an outcome shows besides the attempt itself; {@code null} means not known (or, for the watch, none ran). */
    record Shown(String version, String previousVersion, String color, List<String> hosts, List<PhaseTime> timeline,
                 List<String> health, String detail, WatchReport watch) {
    }

    /** The pipeline step: {@code blueGreenDeploy}, {@code runMigrations}, {@code rollback} or {@code healthGate}. */
    public String getStep() {
        return step;
    }

    /** The destination deployed to, or {@code null} for a health gate. */
    public String getDestination() {
        return destination;
    }

    /** The release this step is about; after a rollback, the one that serves again. */
    public String getVersion() {
        return version;
    }

    /** The release that served before, or {@code null} on a first deploy or when not known. */
    public String getPreviousVersion() {
        return previousVersion;
    }

    public String getColor() {
        return color;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public List<String> getHosts() {
        return Collections.unmodifiableList(hosts);
    }

    public List<PhaseTime> getTimeline() {
        return Collections.unmodifiableList(timeline);
    }

    /** One line per health result: a URL that passed its gate, how many polls it took. */
    public List<String> getHealth() {
        return Collections.unmodifiableList(health);
    }

    /** Why it ended as it did (a failure, an abort) or what a migration changed; may be {@code null}. */
    public String getDetail() {
        return detail;
    }

    /** When the step's last engine call began (for a deploy, the switch), ISO-8601 UTC. */
    public String getAt() {
        return at;
    }

    /** Who started the build, or {@code null} when a timer or an SCM change did. */
    public String getUser() {
        return user;
    }

    /** What the watch after the switch saw and decided, or {@code null} when nothing was watched. */
    public WatchSummary getWatch() {
        return watch;
    }

    /**
     * The watch as an SVG chart ({@link WatchChart}), or {@code null} when nothing was watched or no
     * interval ended. Drawn on each request rather than saved, so the build's XML keeps only figures.
     */
    public String getWatchChart() {
        return watch == null || watch.getPoints().isEmpty() ? null : WatchChart.svg(watch);
    }

    /** One line for the build page: {@code blueGreenDeploy v2 to production (green): LIVE}. */
    public String getSummary() {
        var line = new StringBuilder(step);
        if (version != null) {
            line.append(' ').append(version);
        }
        if (destination != null) {
            line.append(" to ").append(destination);
        }
        if (color != null) {
            line.append(" (").append(color).append(')');
        }
        return line.append(": ").append(outcome).toString();
    }

    /**
     * The chat message the team gets for this record: a release went live on a color, an older one
     * serves again, or a step failed. A passed gate, applied migrations and an abort before the
     * switch change nothing users see, so they stay on the build page. When a watch ran, its verdict
     * and each source's per-interval figures come last, so on-call sees why it stayed or went back.
     *
     * @param source the build, e.g. "shop-deploy #42"
     * @param link the build page
     */
    public Optional<Notification> notification(final String source, final String link) {
        var headline = switch (outcome) {
            case LIVE -> color == null ? null : version + " is live on " + destination + " (" + color + ")";
            // with a reason, the watch rolled the attempted release back; without, the rollback step put this one back
            case ROLLED_BACK -> detail == null ? destination + " rolled back: " + version + " serves again"
                    : version + " on " + destination + " was rolled back";
            case FAILED -> step + (version == null ? "" : " of " + version)
                    + (destination == null ? "" : " to " + destination) + " failed";
            case ABORTED -> null;
        };
        if (headline == null) {
            return Optional.empty();
        }
        var message = Notification.about(source, headline, link)
                .with("destination", destination)
                .with("version", version)
                .with("previous", previousVersion)
                .with("color", color)
                .with("hosts", hosts.isEmpty() ? null : String.join(", ", hosts))
                .with("by", user)
                .with("why", detail);
        if (watch != null) {
            message = message.with("watch", watch.getLine());
            for (var watched : watch.getSources()) {
                message = message.with(watched.getName(), watch.figures(watched));
            }
        }
        return Optional.of(message);
    }

    @Override
    public String toString() {
        return getSummary();
    }
}
