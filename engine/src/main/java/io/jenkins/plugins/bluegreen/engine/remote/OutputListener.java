package io.jenkins.plugins.bluegreen.engine.remote;

/** Receives a command's output line by line, already masked, as it arrives. */
@FunctionalInterface
public interface OutputListener {
    enum Stream { STDOUT, STDERR }

    void line(Host host, Stream stream, String line);

    static OutputListener discard() {
        return (h, s, l) -> { };
    }
}
