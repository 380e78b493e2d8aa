package io.jenkins.plugins.bluegreen.engine.event;

/** Where the engine reports what it does; the Jenkins glue prints to the build log, the CLI to stderr. */
@FunctionalInterface
public interface EventSink {
    void accept(Event event);

    static EventSink discard() {
        return e -> { };
    }
}
