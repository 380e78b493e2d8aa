package io.jenkins.plugins.bluegreen.engine.migrate;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.SchemaSteps;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;

import java.time.Instant;
import java.util.List;

/**
 * Undoes the migrations of a release that is being rolled back, with {@code rollback_command}
 * ({@code bin/rails db:rollback STEP={steps}} by default) on the primary host, the same way the
 * migrations ran. How many steps comes from the ledger: {@link #stepsToUndo}.
 */
public final class SchemaRollback {
    private final MigrationCommands commands;
    private final EventSink events;

    public SchemaRollback(final MigrationCommands commands, final EventSink events) {
        this.commands = commands;
        this.events = events;
    }

    /**
     * How many migrations {@code version} applied in its latest run, from a host's history (oldest
     * first). The run is its MIGRATE entries since it was last deployed fresh: reading back from the
     * newest entry, its DEPLOY entries are passed over; any other entry, a ROLLBACK or another
     * version's, ends the run, since what came before was undone or belongs to an older release. The
     * steps from the schema the run left back to the one it found are counted by
     * {@link SchemaSteps}, the rule a release rollback uses too.
     *
     * @throws DeployFailedException when the history does not say how many migrations that was
     */
    public static int stepsToUndo(final List<HistoryEntry> history, final String version) {
        HistoryEntry first = null;
        HistoryEntry last = null;
        for (int i = history.size() - 1; i >= 0; i--) {
            var entry = history.get(i);
            if (!entry.release().version().equals(version) || entry.action() == HistoryEntry.Action.ROLLBACK) {
                break;
            }
            if (entry.action() == HistoryEntry.Action.MIGRATE) {
                last = last == null ? entry : last;
                first = entry;
            }
        }
        if (first == null) {
            return 0;
        }
        if (last.schemaAfter() == null) {
            throw new DeployFailedException("the history does not record the schema the migrations of " + version
                    + " left; give the number of steps to roll back explicitly");
        }
        try {
            return SchemaSteps.between(history, last.schemaAfter(), first.schemaBefore());
        }
        catch (DeployFailedException e) {
            throw new DeployFailedException(e.getMessage() + "; give the number of steps to roll back explicitly", e);
        }
    }

    /** Rolls the schema back by {@code steps} migrations; 0 does nothing. */
    public void run(final Connection primary, final int steps) {
        if (steps == 0) {
            events.accept(new Event(Instant.now(), Phase.ROLLBACK, Event.Level.INFO, primary.host().toString(),
                    "no migrations to roll back"));
            return;
        }
        var command = commands.rollback(steps);
        events.accept(new Event(Instant.now(), Phase.ROLLBACK, Event.Level.INFO, primary.host().toString(),
                "rolling the schema back " + steps + (steps == 1 ? " migration" : " migrations")));
        var tail = new OutputTail(20);
        var result = primary.run(command, null, (host, stream, line) -> {
            tail.add(line);
            events.accept(new Event(Instant.now(), Phase.ROLLBACK, Event.Level.INFO, host.toString(), line));
        }, MigrationRunner.COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new DeployFailedException(primary.host() + ": the schema rollback (migrations.rollback_command) exited"
                    + " with " + result.exitCode() + "; the schema may be partly rolled back" + tail.render());
        }
    }
}
