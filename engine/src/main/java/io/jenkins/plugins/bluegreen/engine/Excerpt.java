package io.jenkins.plugins.bluegreen.engine;

/**
 * A server's answer quoted in a message: on one line, cut to a length a log line can carry, and
 * "(empty)" rather than nothing, so an empty body is not mistaken for a missing quote.
 */
public final class Excerpt {
    private Excerpt() {
    }

    /** {@code text} with its whitespace runs made single spaces, cut after {@code longest} characters. */
    public static String of(final String text, final int longest) {
        var flat = text.replaceAll("\\s+", " ").strip();
        if (flat.isEmpty()) {
            return "(empty)";
        }
        return flat.length() <= longest ? flat : flat.substring(0, longest) + "...";
    }
}
