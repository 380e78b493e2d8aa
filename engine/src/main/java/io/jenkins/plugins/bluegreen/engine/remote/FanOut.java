package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one operation on many hosts in parallel, Kamal style: batches of {@link BootLimit} hosts,
 * {@code wait} between batches. Fail-fast stops at the first failed host (running hosts are
 * interrupted, later batches skipped); collect-all runs every host and reports each. Either way
 * the result is a {@link FanOutReport}; {@link #cancel()} ends everything from another thread.
 */
public final class FanOut {
    public enum Mode { FAIL_FAST, COLLECT_ALL }

    /** The work for one host, on its (reused) connection; a result that is not ok fails the host. */
    @FunctionalInterface
    public interface HostOperation {
        CommandResult apply(Connection connection);
    }

    private final Connections connections;
    private final BootLimit limit;
    private final Duration wait;
    private final Mode mode;
    private final List<Future<HostOutcome>> running = new ArrayList<>();
    /** Outcomes as workers finish, so a worker cut short after finishing still reports what it did. */
    private final Map<Host, HostOutcome> finished = new ConcurrentHashMap<>();
    private volatile boolean cancelled;

    public FanOut(final Connections connections, final BootLimit limit, final Duration wait, final Mode mode) {
        this.connections = connections;
        this.limit = limit;
        this.wait = wait;
        this.mode = mode;
    }

    public FanOutReport run(final List<Host> hosts, final HostOperation operation) {
        finished.clear();
        int size = limit.batchSize(hosts.size());
        var outcomes = new ArrayList<HostOutcome>();
        ExecutorService pool = Executors.newFixedThreadPool(size, r -> {
            var t = new Thread(r, "bluegreen-fanout");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int from = 0; from < hosts.size(); from += size) {
                var batch = hosts.subList(from, Math.min(from + size, hosts.size()));
                if (stop(outcomes)) {
                    batch.forEach(h -> outcomes.add(skipped(h)));
                    continue;
                }
                if (from > 0 && !wait.isZero()) {
                    pause();
                }
                outcomes.addAll(runBatch(pool, batch, operation));
            }
        }
        finally {
            pool.shutdownNow();
        }
        return new FanOutReport(outcomes);
    }

    /**
     * Interrupts every running command, closes every connection; hosts not started are skipped.
     * Final: a cancelled fan-out starts nothing more.
     */
    public void cancel() {
        cancelled = true;
        synchronized (running) {
            running.forEach(f -> f.cancel(true));
        }
        connections.close();
    }

    private boolean stop(final List<HostOutcome> outcomes) {
        return cancelled || (mode == Mode.FAIL_FAST && outcomes.stream().anyMatch(o -> !o.ok()));
    }

    private void pause() {
        try {
            Thread.sleep(wait.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
        }
    }

    private List<HostOutcome> runBatch(final ExecutorService pool, final List<Host> batch,
                                       final HostOperation operation) {
        var futures = new ArrayList<Future<HostOutcome>>();
        synchronized (running) {
            running.clear();
            batch.forEach(h -> futures.add(pool.submit(() -> finish(one(h, operation)))));
            running.addAll(futures);
        }
        var outcomes = new ArrayList<HostOutcome>();
        for (int i = 0; i < batch.size(); i++) {
            outcomes.add(await(batch.get(i), futures.get(i)));
        }
        return outcomes;
    }

    private HostOutcome finish(final HostOutcome outcome) {
        finished.put(outcome.host(), outcome);
        if (!outcome.ok() && mode == Mode.FAIL_FAST) {
            // The others are cut short: a failed host means the operation as a whole has failed.
            synchronized (running) {
                running.forEach(f -> f.cancel(true));
            }
        }
        return outcome;
    }

    private HostOutcome await(final Host host, final Future<HostOutcome> future) {
        try {
            return future.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            return finished.getOrDefault(host, cancelled(host, Duration.ZERO));
        }
        catch (CancellationException e) {
            return finished.getOrDefault(host, cancelled(host, Duration.ZERO));
        }
        catch (ExecutionException e) {
            return new HostOutcome(host, HostOutcome.Status.FAILED, null, Duration.ZERO, String.valueOf(e.getCause()));
        }
    }

    private HostOutcome one(final Host host, final HostOperation operation) {
        long started = System.nanoTime();
        try {
            var result = operation.apply(connections.get(host));
            var took = Duration.ofNanos(System.nanoTime() - started);
            if (result.ok()) {
                return new HostOutcome(host, HostOutcome.Status.OK, null, took, "");
            }
            var tail = result.stderrTail().isEmpty() ? "" : ": " + result.stderrTail().get(result.stderrTail().size() - 1);
            return new HostOutcome(host, HostOutcome.Status.FAILED, result.exitCode(), took,
                    "`" + result.command() + "` exited with " + result.exitCode() + tail);
        }
        catch (DeployFailedException e) {
            var took = Duration.ofNanos(System.nanoTime() - started);
            if (cancelled || Thread.currentThread().isInterrupted()) {
                return cancelled(host, took);
            }
            return new HostOutcome(host, HostOutcome.Status.FAILED, null, took, e.getMessage());
        }
    }

    private static HostOutcome cancelled(final Host host, final Duration took) {
        return new HostOutcome(host, HostOutcome.Status.CANCELLED, null, took, "cancelled");
    }

    private static HostOutcome skipped(final Host host) {
        return new HostOutcome(host, HostOutcome.Status.SKIPPED, null, Duration.ZERO,
                "not started: the operation had already failed or was cancelled");
    }
}
