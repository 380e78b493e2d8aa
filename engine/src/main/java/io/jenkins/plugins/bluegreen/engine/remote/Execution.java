package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

import java.io.IOException;
import java.time.Duration;

/**
 * Runs one started command to its end the same way for every transport: streams output line by
 * line (masked) to the listener, feeds stdin, enforces the timeout and turns the outcome into a
 * {@link CommandResult}. Every text it produces is masked.
 */
public final class Execution {
    private Execution() {
    }

    /**
     * @param rendered the command line as sent, unmasked (it is masked before it is reported)
     * @throws DeployFailedException when the command timed out (it is killed first), the
     *         connection was lost, or the thread was interrupted (the command is killed)
     */
    public static CommandResult run(final Host host, final String rendered, final SecretMask mask,
                                    final byte[] stdin, final OutputListener output, final Duration timeout,
                                    final RunningCommand running) {
        long started = System.nanoTime();
        var shown = mask.apply(rendered);
        var out = OutputPump.all(host, running.stdout(), mask, output);
        var err = OutputPump.tail(host, running.stderr(), mask, output);
        try {
            // Fed on its own thread: a command that does not read a large input must not block us
            // past the timeout.
            OutputPump.READERS.execute(() -> feed(running, stdin));
            long deadline = started + timeout.toNanos();
            boolean ended = out.await(millisUntil(deadline)) && err.await(millisUntil(deadline))
                    && running.awaitExit(millisUntil(deadline));
            if (!ended) {
                running.kill();
                throw new DeployFailedException(host + ": `" + shown + "` did not finish within "
                        + shown(timeout) + " and was killed" + tail(err));
            }
        }
        catch (InterruptedException e) {
            running.kill();
            Thread.currentThread().interrupt();
            throw new DeployFailedException(host + ": `" + shown + "` was cancelled and killed");
        }
        var lost = running.lostReason();
        if (lost != null) {
            throw new DeployFailedException(host + ": `" + shown + "` " + mask.apply(lost) + tail(err));
        }
        var duration = Duration.ofNanos(System.nanoTime() - started);
        return new CommandResult(host, shown, running.exitCode(), duration,
                String.join("\n", out.lines()), err.lines());
    }

    private static void feed(final RunningCommand running, final byte[] stdin) {
        // Closing stdin sends EOF, so a command that reads it (cat > file) ends even without input.
        try (var in = running.stdin()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        catch (IOException e) {
            // The command exited without reading all of its input; its exit status tells the rest.
        }
    }

    private static String shown(final Duration d) {
        return d.toMillisPart() == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static long millisUntil(final long deadlineNanos) {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    private static String tail(final OutputPump err) {
        var lines = err.lines();
        return lines.isEmpty() ? "" : "\n  " + String.join("\n  ", lines);
    }
}
