package io.jenkins.plugins.bluegreen.engine.lock;

import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The deploy lock of a service on one host: one deploy, migration or rollback at a time, whichever
 * Jenkins agent or laptop it runs from. Runs {@link LockCommands} and reads their results.
 */
public final class DeployLock {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final LockCommands commands;

    public DeployLock(final String runDir) {
        this.commands = new LockCommands(runDir);
    }

    /** Takes the lock, or throws {@link LockHeldException} naming the holder. */
    public void acquire(final Connection host, final Service service, final LockHolder me) {
        var bytes = me.toJson().getBytes(StandardCharsets.UTF_8);
        var result = host.run(commands.acquire(service), bytes, OutputListener.discard(), TIMEOUT);
        if (result.exitCode() == LockCommands.HELD) {
            var holder = LockHolder.parse(result.stdout());
            throw new LockHeldException(host.host() + ": " + service + " is locked by " + holder.describe()
                    + "; wait for it to finish, or if that deploy is dead, release the stale lock explicitly (force)",
                    holder);
        }
        result.orThrow();
    }

    public Optional<LockHolder> status(final Connection host, final Service service) {
        var out = host.run(commands.status(service), OutputListener.discard(), TIMEOUT).orThrow().stdout();
        if (!out.startsWith("held")) {
            return Optional.empty();
        }
        return Optional.of(LockHolder.parse(out.substring("held".length()).strip()));
    }

    public void release(final Connection host, final Service service) {
        host.run(commands.release(service), OutputListener.discard(), TIMEOUT).orThrow();
    }

    public void forceRelease(final Connection host, final Service service) {
        host.run(commands.forceRelease(service), OutputListener.discard(), TIMEOUT).orThrow();
    }
}
