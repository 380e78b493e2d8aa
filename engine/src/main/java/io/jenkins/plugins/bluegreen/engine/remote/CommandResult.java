package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

import java.time.Duration;
import java.util.List;

/**
 * How a command ended on one host.
 *
 * @param command the rendered command, masked
 * @param stdout everything it printed on stdout, masked, as lines joined by newlines (no newline after
 *               the last); commands whose output we parse are small
 * @param stderrTail the last lines of stderr, masked, for error messages
 */
public record CommandResult(Host host, String command, int exitCode, Duration duration,
                            String stdout, List<String> stderrTail) {
    public CommandResult {
        stderrTail = List.copyOf(stderrTail);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** This result if the command succeeded; otherwise a failure naming the host, command, exit and stderr. */
    public CommandResult orThrow() {
        if (ok()) {
            return this;
        }
        var tail = stderrTail.isEmpty() ? "" : "\n  " + String.join("\n  ", stderrTail);
        throw new DeployFailedException(host + ": `" + command + "` exited with " + exitCode + tail);
    }
}
