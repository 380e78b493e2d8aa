package io.jenkins.plugins.bluegreen.engine.event;

/** The phases of a deploy, in the order they run; events and result timelines are keyed by them. */
public enum Phase {
    WINDOW, LOCK, BACKUP, MIGRATE, REPLICA, BOOT, GATE, PRE_SWITCH, SWITCH, WATCH, ROLLBACK, RETIRE, RELEASE
}
