package io.jenkins.plugins.bluegreen.engine.event;

/**
 * The phases of a deploy, in the order they run; events and result timelines are keyed by them.
 * {@link #LEDGER} (reading what runs where) and {@link #HISTORY} (writing the history line) are the
 * orchestration's own bookkeeping, timed so its cost shows next to the work it waits for.
 */
public enum Phase {
    WINDOW, LOCK, LEDGER, BACKUP, MIGRATE, REPLICA, BOOT, GATE, PRE_SWITCH, SWITCH, WATCH, ROLLBACK, HISTORY, RETIRE,
    RELEASE
}
