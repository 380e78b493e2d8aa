package io.jenkins.plugins.bluegreen.engine.remote;

/** A local port forwarded through an SSH connection to a port on the far host's loopback. */
public interface Tunnel extends AutoCloseable {
    int localPort();

    @Override
    void close();
}
