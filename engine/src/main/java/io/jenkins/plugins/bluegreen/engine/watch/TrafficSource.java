package io.jenkins.plugins.bluegreen.engine.watch;

/**
 * One place the watch learns what the new color's traffic did. A source is checked before traffic
 * moves, so a wrong URL, query or log format stops the deploy while the old color still serves;
 * then it is started at the switch and read once per interval.
 */
public interface TrafficSource extends AutoCloseable {
    /** Where the numbers come from, for people: {@code nginx access log /var/log/nginx/bluegreen.json on 2 host(s)}. */
    String describe();

    /**
     * Before the switch: can this source be read, and does what it returns have what the watch needs?
     *
     * @throws io.jenkins.plugins.bluegreen.engine.InvalidInputException naming the setting, what was found and what was expected
     */
    void check();

    /** The switch is done: from now on, count. Nothing to do for a source whose every read stands alone. */
    default void start() {
    }

    /** What happened since the last read (or the start). Never throws: a failure is a {@link Reading#failed} reading. */
    Reading read();

    /** Whether an interval with too few requests should wait for more: false when each reading stands alone. */
    default boolean countsRequests() {
        return true;
    }

    @Override
    default void close() {
    }
}
