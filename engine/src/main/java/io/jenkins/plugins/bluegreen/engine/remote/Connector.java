package io.jenkins.plugins.bluegreen.engine.remote;

/** Opens connections; the SSH transport is one, a local shell (for tests and the demo) another. */
@FunctionalInterface
public interface Connector {
    Connection connect(Host host);
}
