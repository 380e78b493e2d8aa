package io.jenkins.plugins.bluegreen.engine.remote;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A command a transport has started (an SSH exec channel, a local process): its three streams and
 * how it ends. {@link Execution} drives it the same way for every transport.
 */
public interface RunningCommand {
    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** Waits up to {@code millis} for the command to end; true if it ended. */
    boolean awaitExit(long millis) throws InterruptedException;

    /** The exit code once ended, or -1 when it ended without one (killed, connection lost). */
    int exitCode();

    /** Why the command ended without an exit code, or {@code null} if it did not (or had one). */
    String lostReason();

    /** Stops the command for good and releases its streams. */
    void kill();
}
