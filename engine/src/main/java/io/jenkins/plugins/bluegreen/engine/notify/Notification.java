package io.jenkins.plugins.bluegreen.engine.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One message for the team's chat about a deploy decision (a held window, a hotfix override, an
 * approval), in the incoming-webhook shape Slack, Mattermost and Rocket.Chat all accept:
 * {@code {"text": "..."}}. Facts are labelled lines so on-call can read who, what and why at a glance.
 *
 * @param source   what the message is about, e.g. the build "shop-deploy #42"
 * @param headline what happened, e.g. "deploy held by the deployment window"
 * @param facts    "label: value" lines, in order
 * @param link     where to act or read more (the build page), or {@code null}
 */
public record Notification(String source, String headline, List<Fact> facts, String link) implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Notification {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(headline, "headline");
        facts = List.copyOf(facts);
    }

    /** A message with no facts yet. */
    public static Notification about(final String source, final String headline, final String link) {
        return new Notification(source, headline, List.of(), link);
    }

    /** This message plus one labelled fact; a blank value is left out rather than shown empty. */
    public Notification with(final String label, final Object value) {
        if (value == null || value.toString().isBlank()) {
            return this;
        }
        var more = new ArrayList<>(facts);
        more.add(new Fact(label, value.toString().strip()));
        return new Notification(source, headline, more, link);
    }

    /** The chat text: "source: headline", one line per fact, then the link. */
    public String text() {
        var text = new StringBuilder(source).append(": ").append(headline);
        for (Fact fact : facts) {
            text.append('\n').append(fact.label()).append(": ").append(fact.value());
        }
        if (link != null && !link.isBlank()) {
            text.append('\n').append(link);
        }
        return text.toString();
    }

    /** The webhook body. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(JSON.createObjectNode().put("text", text()));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("a single string field always serializes", e);
        }
    }

    /** One labelled line of a notification. */
    public record Fact(String label, String value) implements Serializable {
    }
}
