package io.jenkins.plugins.bluegreen.engine.ledger;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;

/**
 * Builds the commands that keep a service's history file on a host: an append-only JSON-lines
 * file, {@code <run_dir>/<service>[-<destination>]-history.jsonl}, like Kamal's audit log.
 */
public record LedgerCommands(String runDir) {
    public String historyFile(final Service service) {
        return runDir + "/" + service.qualified() + "-history.jsonl";
    }

    /**
     * Appends stdin to the history file. One line under 4 KiB appended in one write cannot tear,
     * and the deploy lock keeps two deploys from writing at once anyway.
     */
    public Command append(final Service service) {
        return Command.of("sh", "-c", "mkdir -p \"$1\" && cat >> \"$2\"", "sh", runDir, historyFile(service));
    }

    /** The last {@code lines} lines of history; nothing (and exit 0) on a host that has none yet. */
    public Command tail(final Service service, final int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be positive, got " + lines);
        }
        return Command.of("sh", "-c", "if [ -f \"$1\" ]; then tail -n \"$2\" \"$1\"; fi", "sh",
                historyFile(service), Integer.toString(lines));
    }
}
