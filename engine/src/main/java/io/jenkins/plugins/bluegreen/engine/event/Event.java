package io.jenkins.plugins.bluegreen.engine.event;

import java.time.Instant;

/**
 * One thing the engine did or saw, for the build log, the summary page and the CLI.
 *
 * @param host the host it concerns, or {@code null} when it concerns the whole deploy
 * @param message already masked: no secret value reaches an event
 */
public record Event(Instant at, Phase phase, Level level, String host, String message) {
    public enum Level { INFO, WARNING, ERROR }

    /** The event as one log line: {@code [phase] host: message}. */
    public String line() {
        var where = host == null ? "" : host + ": ";
        var mark = level == Level.INFO ? "" : level + ": ";
        return "[" + phase.name().toLowerCase(java.util.Locale.ROOT) + "] " + mark + where + message;
    }
}
