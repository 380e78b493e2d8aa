package io.jenkins.plugins.bluegreen.engine.health;

import java.time.Duration;

/** Waits between polling rounds; tests pass one that advances a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return d -> Thread.sleep(d.toMillis());
    }
}
