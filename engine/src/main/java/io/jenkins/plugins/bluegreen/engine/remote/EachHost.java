package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Does one short step on every host at once (read the ledger, append history, stop a color) and
 * keeps every host's answer or failure, so a cleanup reaches all hosts even when one fails. Boots,
 * which need batches, go through {@link FanOut}.
 */
public final class EachHost<R> {
    private final Map<Host, R> values = new LinkedHashMap<>();
    private final Map<Host, String> failures = new LinkedHashMap<>();

    private EachHost() {
    }

    public static <R> EachHost<R> run(final List<Host> hosts, final Function<Host, R> step) {
        var result = new EachHost<R>();
        if (hosts.isEmpty()) {
            return result;
        }
        var pool = Executors.newFixedThreadPool(hosts.size(), r -> {
            var t = new Thread(r, "bluegreen-host-step");
            t.setDaemon(true);
            return t;
        });
        try {
            var futures = new LinkedHashMap<Host, Future<R>>();
            hosts.forEach(h -> futures.put(h, pool.submit(() -> step.apply(h))));
            for (var e : futures.entrySet()) {
                try {
                    result.values.put(e.getKey(), e.getValue().get());
                }
                catch (ExecutionException ex) {
                    result.failures.put(e.getKey(), String.valueOf(ex.getCause().getMessage()));
                }
                catch (InterruptedException | CancellationException ex) {
                    Thread.currentThread().interrupt();
                    futures.values().forEach(f -> f.cancel(true));
                    result.failures.put(e.getKey(), "interrupted");
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
        return result;
    }

    /** {@link #run} over connections already open, each keyed by its host. */
    public static <R> EachHost<R> runOn(final List<Connection> hosts, final Function<Connection, R> step) {
        var byHost = new LinkedHashMap<Host, Connection>();
        hosts.forEach(c -> byHost.put(c.host(), c));
        return run(List.copyOf(byHost.keySet()), h -> step.apply(byHost.get(h)));
    }

    public Map<Host, R> values() {
        return values;
    }

    public Map<Host, String> failures() {
        return failures;
    }

    /** The values if every host answered; otherwise a failure naming each host that did not. */
    public Map<Host, R> orThrow(final String step) {
        if (failures.isEmpty()) {
            return values;
        }
        throw new DeployFailedException(step + " failed on " + failures.size() + " host(s):\n  "
                + failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n  ")));
    }
}
