package io.jenkins.plugins.bluegreen.steps;

import hudson.model.TaskListener;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

/** Prints engine events to the build log, one line each, with every known secret masked once more. */
final class BuildLog implements EventSink {
    private final TaskListener listener;
    private final SecretMask mask;

    BuildLog(final TaskListener listener, final SecretMask mask) {
        this.listener = listener;
        this.mask = mask;
    }

    @Override
    public void accept(final Event event) {
        listener.getLogger().println(mask.apply(event.line()));
    }
}
