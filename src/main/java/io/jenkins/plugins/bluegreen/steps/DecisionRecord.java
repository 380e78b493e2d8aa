package io.jenkins.plugins.bluegreen.steps;

import java.time.Instant;

/**
 * One line of a build's deployment record: a window decision, a hotfix override, an approval or
 * a rejection, with who and why. Plain strings, so the build's XML stays readable and loads
 * without the engine's types.
 */
public final class DecisionRecord {
    private final String at;
    private final String kind;
    private final String summary;
    private final String user;
    private final String comment;
    private final String ticket;

    DecisionRecord(final Instant at, final String kind, final String summary, final String user,
                   final String comment, final String ticket) {
        this.at = at.toString();
        this.kind = kind;
        this.summary = summary;
        this.user = user;
        this.comment = comment;
        this.ticket = ticket;
    }

    public String getAt() {
        return at;
    }

    /** window, hotfix, approval, rejection or timeout. */
    public String getKind() {
        return kind;
    }

    public String getSummary() {
        return summary;
    }

    public String getUser() {
        return user;
    }

    public String getComment() {
        return comment;
    }

    public String getTicket() {
        return ticket;
    }
}
