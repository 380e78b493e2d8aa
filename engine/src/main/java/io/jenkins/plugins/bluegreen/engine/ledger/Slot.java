package io.jenkins.plugins.bluegreen.engine.ledger;

import io.jenkins.plugins.bluegreen.engine.deploy.Color;

/**
 * What one color slot of one role holds on a host, as read from the container's labels.
 *
 * @param state the runtime's word for it: {@code running}, {@code exited}, {@code created}...
 */
public record Slot(String container, String role, Color color, Release release, String state) {
    public boolean running() {
        return "running".equalsIgnoreCase(state);
    }
}
