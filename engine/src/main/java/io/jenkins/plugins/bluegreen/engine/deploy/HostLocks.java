package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.lock.DeployLock;
import io.jenkins.plugins.bluegreen.engine.lock.LockHeldException;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.EachHost;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The deploy lock on every host at once: all or none. When one host refuses, the hosts taken so
 * far are released again before the refusal is reported, so a lost race leaves nothing behind.
 * Deploys and rollbacks both lock through it.
 */
public final class HostLocks {
    private final DeployLock lock;
    private final Service service;
    private final List<Host> taken = new ArrayList<>();

    public HostLocks(final DeployLock lock, final Service service) {
        this.lock = lock;
        this.service = service;
    }

    /** The locks a {@link BlueGreenDeploy#stage} took and kept, to be released by whoever carries on. */
    static HostLocks held(final DeployLock lock, final Service service, final List<Host> hosts) {
        var locks = new HostLocks(lock, service);
        locks.taken.addAll(hosts);
        return locks;
    }

    /** Takes the lock on every host; {@code force} first clears a lock left by a dead deploy. */
    public void acquire(final Function<Host, Connection> connections, final List<Host> hosts, final LockHolder me,
                        final boolean force) {
        var outcome = EachHost.run(hosts, host -> {
            var connection = connections.apply(host);
            if (force) {
                lock.forceRelease(connection, service);
            }
            lock.acquire(connection, service, me);
            return host;
        });
        taken.addAll(outcome.values().keySet());
        if (outcome.failures().isEmpty()) {
            return;
        }
        var refusals = outcome.failures();
        release(() -> connections);
        var first = refusals.entrySet().iterator().next();
        var message = refusals.size() == 1 ? first.getValue()
                : String.join("\n", refusals.values());
        if (refusals.values().stream().anyMatch(m -> m.contains(" is locked by "))) {
            throw new LockHeldException(message, null);
        }
        throw new DeployFailedException("could not take the deploy lock: " + message);
    }

    /**
     * Releases every lock taken; a host it cannot reach keeps its lock, and the failure says where.
     *
     * @return per host that kept its lock, why
     */
    public Map<Host, String> release(final Supplier<Function<Host, Connection>> connections) {
        if (taken.isEmpty()) {
            return Map.of();
        }
        var c = connections.get();
        var outcome = EachHost.run(List.copyOf(taken), host -> {
            lock.release(c.apply(host), service);
            return host;
        });
        taken.removeAll(outcome.values().keySet());
        return outcome.failures();
    }
}
