package io.jenkins.plugins.bluegreen.engine.remote;

import java.time.Duration;

/**
 * How one host fared in a fan-out.
 *
 * @param exitCode the failing command's exit code, or {@code null} when none applies (success,
 *                 connection failure, cancellation)
 * @param reason why it failed or was skipped, masked; empty when it succeeded
 */
public record HostOutcome(Host host, Status status, Integer exitCode, Duration duration, String reason) {
    public enum Status { OK, FAILED, CANCELLED, SKIPPED }

    public boolean ok() {
        return status == Status.OK;
    }
}
