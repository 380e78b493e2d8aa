package io.jenkins.plugins.bluegreen.engine.api;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A health gate on its own: the given URLs must all answer healthy, {@code gate.successes()} times
 * in a row, before {@code gate.timeout()}.
 */
public record HealthGateRequest(List<URI> urls, GateSettings gate) implements Serializable {
    private static final long serialVersionUID = 1L;

    public HealthGateRequest {
        urls = urls == null ? List.of() : List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new InvalidInputException("urls: expected at least one http:// or https:// URL, got none");
        }
        gate = gate == null ? GateSettings.DEFAULTS : gate;
    }

    /**
     * Parses the URLs as a pipeline author writes them: separated by spaces, commas or new lines.
     */
    public static HealthGateRequest parse(final String urls, final GateSettings gate) {
        var parsed = new ArrayList<URI>();
        var words = urls == null ? new String[0] : urls.strip().split("[\\s,]+");
        for (String word : words) {
            if (!word.isEmpty()) {
                parsed.add(url(parsed.size() + 1, word));
            }
        }
        return new HealthGateRequest(parsed, gate);
    }

    private static URI url(final int position, final String text) {
        var expected = "urls: expected http:// or https:// URLs with a host, got '" + text + "' as URL " + position;
        try {
            var uri = new URI(text);
            var scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new InvalidInputException(expected);
            }
            return uri;
        }
        catch (URISyntaxException e) {
            throw new InvalidInputException(expected + " (" + e.getReason() + ")");
        }
    }
}
