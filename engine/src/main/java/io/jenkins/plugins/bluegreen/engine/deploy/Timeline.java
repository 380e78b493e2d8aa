package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The phases of one deploy as they happen: how long each took, and every event, masked, on its way
 * to the caller's sink. One instance per run.
 */
final class Timeline {
    private final EventSink sink;
    private final SecretMask mask;
    private final Map<Phase, Duration> phases = new EnumMap<>(Phase.class);

    /** @param before phase durations of earlier steps of the same deploy (a stage, before its promote) */
    Timeline(final EventSink sink, final SecretMask mask, final Map<Phase, Duration> before) {
        this.sink = sink;
        this.mask = mask;
        phases.putAll(before);
    }

    /** Runs one phase, adding its time to the phase's total even when it fails. */
    <T> T phase(final Phase phase, final Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        }
        finally {
            phases.merge(phase, Duration.ofNanos(System.nanoTime() - started), Duration::plus);
        }
    }

    void phase(final Phase phase, final Runnable work) {
        phase(phase, () -> {
            work.run();
            return null;
        });
    }

    void info(final Phase phase, final String host, final String message) {
        emit(phase, Event.Level.INFO, host, message);
    }

    void warn(final Phase phase, final String host, final String message) {
        emit(phase, Event.Level.WARNING, host, message);
    }

    void error(final Phase phase, final String host, final String message) {
        emit(phase, Event.Level.ERROR, host, message);
    }

    /** A sink for the building blocks (gate, switch) that masks what they report. */
    EventSink sink() {
        return e -> sink.accept(new Event(e.at(), e.phase(), e.level(), e.host(), mask.apply(e.message())));
    }

    Map<Phase, Duration> durations() {
        return new EnumMap<>(phases);
    }

    private void emit(final Phase phase, final Event.Level level, final String host, final String message) {
        sink.accept(new Event(Instant.now(), phase, level, host, mask.apply(message)));
    }
}
