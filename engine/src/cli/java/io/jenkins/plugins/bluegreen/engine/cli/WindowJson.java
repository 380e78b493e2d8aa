package io.jenkins.plugins.bluegreen.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.bluegreen.engine.window.WindowDecision;

/** A window decision as the JSON object {@code window} and a held {@code deploy} print on stdout. */
final class WindowJson {
    private WindowJson() {
    }

    static String render(final WindowDecision d, final String destination) {
        var mapper = new ObjectMapper();
        var out = mapper.createObjectNode();
        out.put("open", d.open());
        out.put("rule", d.rule());
        out.put("reason", d.reason());
        out.put("at", d.at().toString());
        out.put("nextOpen", d.nextOpen() == null ? null : d.nextOpen().toString());
        out.put("override", d.override());
        if (d.hotfix() == null) {
            out.putNull("hotfix");
        }
        else {
            out.putObject("hotfix").put("requestedBy", d.hotfix().requestedBy()).put("reason", d.hotfix().reason());
        }
        out.put("destination", destination);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision always renders as JSON", e);
        }
    }
}
