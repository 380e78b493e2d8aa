package io.jenkins.plugins.bluegreen.engine.ledger;

import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The release ledger of one service on one host: state lives on the hosts, not in Jenkins, so any
 * agent (or the CLI on a laptop) sees the same truth. Reads container labels plus the history file;
 * appends history lines.
 */
public final class Ledger {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ContainerCommands containers;
    private final LedgerCommands history;

    public Ledger(final ContainerCommands containers) {
        this.containers = containers;
        this.history = new LedgerCommands(containers.runDir());
    }

    /** What the host runs for {@code service}, with its last {@code historyLines} history entries. */
    public LiveState read(final Connection host, final Service service, final int historyLines) {
        var ps = host.run(containers.list(service), OutputListener.discard(), TIMEOUT).orThrow();
        var tail = host.run(history.tail(service, historyLines), OutputListener.discard(), TIMEOUT).orThrow();
        return new LiveState(service, LedgerFormat.slots(service, ps.stdout()), LedgerFormat.history(tail.stdout()));
    }

    public void append(final Connection host, final Service service, final HistoryEntry entry) {
        var line = LedgerFormat.historyLine(service, entry) + "\n";
        host.run(history.append(service), line.getBytes(StandardCharsets.UTF_8), OutputListener.discard(), TIMEOUT)
                .orThrow();
    }
}
