package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;

import java.time.Instant;

/** Reports what the switch did, on a host or on all of them, as {@link Phase#SWITCH} events. */
final class SwitchEvents {
    private final EventSink sink;

    SwitchEvents(final EventSink sink) {
        this.sink = sink;
    }

    void info(final Connection host, final String message) {
        report(Event.Level.INFO, host, message);
    }

    void report(final Event.Level level, final Connection host, final String message) {
        sink.accept(new Event(Instant.now(), Phase.SWITCH, level, host.host().toString(), message));
    }

    /** About every host at once, such as the switch skew. */
    void all(final String message) {
        sink.accept(new Event(Instant.now(), Phase.SWITCH, Event.Level.INFO, null, message));
    }
}
