package io.jenkins.plugins.bluegreen.engine.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Connection;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends GET requests to one URL at a fixed rate over kept-alive connections, as a busy client would,
 * and counts what failed (an I/O error or a status outside 2xx). It is bounded: it stops by itself
 * after {@link #LONGEST} and refuses any address but loopback and the hosts of a live test bed.
 *
 * <p>It uses OkHttp as configured out of the box, which (like browsers and curl, as RFC 9112 9.3.1
 * allows) resends a request once when the server closed the kept-alive connection it went out on
 * before answering; nginx does that to idle connections of workers that a reload retires. Such
 * requests count as resent, not failed: the client got its answer.
 */
public final class LoadGenerator {
    /** The most any run may last, whatever the caller does. */
    public static final Duration LONGEST = Duration.ofMinutes(2);
    private static final int MAX_RPS = 2000;
    private static final int FAILURE_SAMPLES = 5;

    private final OkHttpClient client;
    private final Request request;
    private final long periodNanos;
    private final Thread ticker;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final Map<String, AtomicLong> bodies = new ConcurrentHashMap<>();
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private long startedNanos;
    private long stoppedNanos;

    private LoadGenerator(final URI url, final int rps) {
        var dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        this.client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .callTimeout(Duration.ofSeconds(5))
                .eventListenerFactory(call -> new ResendCounter())
                .build();
        this.request = new Request.Builder().url(url.toString()).build();
        this.periodNanos = TimeUnit.SECONDS.toNanos(1) / rps;
        this.ticker = new Thread(this::tick, "load-generator");
        ticker.setDaemon(true);
    }

    /** Starts sending {@code rps} requests a second to {@code url}, on loopback or a test-bed host. */
    public static LoadGenerator start(final URI url, final int rps) {
        if (rps < 1 || rps > MAX_RPS) {
            throw new IllegalArgumentException("rps: expected 1 to " + MAX_RPS + ", got " + rps);
        }
        requireOwnAddress(url);
        var generator = new LoadGenerator(url, rps);
        generator.startedNanos = System.nanoTime();
        generator.ticker.start();
        return generator;
    }

    /**
     * The control run: the same load on the same URL for {@code length}, with nothing else going on.
     * A zero-downtime claim means something only if the machine carries the load by itself, so this
     * fails, saying what it measured, when the control loses a request or cannot keep the rate.
     */
    public static LoadStats control(final URI url, final int rps, final Duration length) {
        var load = start(url, rps);
        try {
            Thread.sleep(length.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var stats = load.stop();
        if (stats.failed() > 0 || stats.rate() < rps * 0.95) {
            throw new AssertionError("control run, no deploy: this machine cannot carry " + rps
                    + " requests/s to " + url + " by itself, so a deploy under that load proves nothing: "
                    + stats.summary());
        }
        return stats;
    }

    /** Stops sending, waits (briefly) for the requests in flight and returns what happened. */
    public LoadStats stop() {
        running = false;
        try {
            ticker.join(TimeUnit.SECONDS.toMillis(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.dispatcher().runningCallsCount() + client.dispatcher().queuedCallsCount() > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        var seen = new TreeMap<String, Long>();
        bodies.forEach((body, count) -> seen.put(body, count.get()));
        return new LoadStats(sent.get(), succeeded.get(), failed.get(), resent.get(),
                Duration.ofNanos(stoppedNanos - startedNanos), seen, List.copyOf(failureSamples));
    }

    private void tick() {
        long limit = startedNanos + LONGEST.toNanos();
        for (long n = 0; running; n++) {
            long due = startedNanos + n * periodNanos;
            if (due > limit) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sent.incrementAndGet();
            client.newCall(request).enqueue(new Counting());
        }
        stoppedNanos = System.nanoTime();
    }

    /** Counts calls that needed a second connection: the client's own resend. */
    private final class ResendCounter extends EventListener {
        private int connections;

        @Override
        public void connectionAcquired(final Call call, final Connection connection) {
            if (++connections == 2) {
                resent.incrementAndGet();
            }
        }
    }

    private final class Counting implements Callback {
        @Override
        public void onResponse(final Call call, final Response response) {
            try (response) {
                var body = response.body().string();
                if (response.isSuccessful()) {
                    succeeded.incrementAndGet();
                    bodies.computeIfAbsent(body, b -> new AtomicLong()).incrementAndGet();
                }
                else {
                    fail("HTTP " + response.code() + " " + body.lines().findFirst().orElse(""));
                }
            }
            catch (IOException e) {
                onFailure(call, e);
            }
        }

        @Override
        public void onFailure(final Call call, final IOException e) {
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        private void fail(final String why) {
            failed.incrementAndGet();
            if (failureSamples.size() < FAILURE_SAMPLES) {
                // When it failed, to line it up with what the test was doing then.
                failureSamples.add(String.format(Locale.ROOT, "at %.1fs: %s",
                        (System.nanoTime() - startedNanos) / 1e9, why));
            }
        }
    }

    private static void requireOwnAddress(final URI url) {
        var why = "load goes to loopback or to a host of a live test bed only, got " + url;
        try {
            var address = InetAddress.getByName(url.getHost());
            if (!address.isLoopbackAddress() && !HostNetwork.isHostAddress(address.getHostAddress())) {
                throw new IllegalArgumentException(why);
            }
        }
        catch (UnknownHostException e) {
            throw new IllegalArgumentException(why, e);
        }
    }
}
