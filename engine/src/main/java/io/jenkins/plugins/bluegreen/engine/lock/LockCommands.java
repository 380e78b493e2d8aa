package io.jenkins.plugins.bluegreen.engine.lock;

import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;

/**
 * Builds the commands of the host-side deploy lock: a directory {@code <run_dir>/lock-<service>[-<dest>]}
 * created with {@code mkdir}, which succeeds for exactly one caller, holding a details file written
 * from stdin.
 */
public record LockCommands(String runDir) {
    /** The exit code of {@link #acquire} when someone else holds the lock. */
    static final int HELD = 3;

    public String lockDir(final Service service) {
        return runDir + "/lock-" + service.qualified();
    }

    /** Takes the lock and writes stdin as its details; if held, prints the holder's details and exits {@value #HELD}. */
    public Command acquire(final Service service) {
        return script("mkdir -p \"$(dirname \"$1\")\" || exit 2; "
                + "if mkdir \"$1\" 2>/dev/null; then cat > \"$1/details\"; "
                + "else cat \"$1/details\" 2>/dev/null; exit " + HELD + "; fi", service);
    }

    /** Prints {@code held} and the details when the lock is held; nothing when free. */
    public Command status(final Service service) {
        return script("[ -d \"$1\" ] || exit 0; echo held; cat \"$1/details\" 2>/dev/null; true", service);
    }

    /** Releases the lock; releasing a free lock is not an error, so a retry after a dropped connection is safe. */
    public Command release(final Service service) {
        return script("[ ! -d \"$1\" ] || { rm -f \"$1/details\" && rmdir \"$1\"; }", service);
    }

    /** Removes the lock whatever it holds: for a stale lock left by a killed deploy, on explicit request only. */
    public Command forceRelease(final Service service) {
        return Command.of("rm", "-rf", lockDir(service));
    }

    private Command script(final String script, final Service service) {
        return Command.of("sh", "-c", script, "sh", lockDir(service));
    }
}
