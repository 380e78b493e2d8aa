package io.jenkins.plugins.bluegreen.engine.migrate;

import java.util.ArrayDeque;
import java.util.List;

/** The last lines a command printed, both streams interleaved as they came: what a failure report shows. */
final class OutputTail {
    private final int size;
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    OutputTail(final int size) {
        this.size = size;
    }

    synchronized void add(final String line) {
        if (lines.size() == size) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines indented under a message, or a note that there were none. */
    String render() {
        var copy = lines();
        return copy.isEmpty() ? " (it printed nothing)" : ". Last output:\n  " + String.join("\n  ", copy);
    }
}
