package io.jenkins.plugins.bluegreen.engine.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The test app takes a burst of connections the way a real app does. The earlier app (busybox
 * {@code nc -ll}, backlog 1) overflowed its accept queue under a burst: the kernel dropped SYNs,
 * clients waited for their retransmission, and the load tests counted the stalls as lost requests
 * of the switch. The container's own netstat counts such drops, so the test reads it there.
 *
 * <p>It also breaks and slows its business request {@code /checkout} on demand while its
 * {@code /health} stays ok, and shows what it answered on {@code /metrics}: the releases a watch of
 * real traffic has to catch, and the numbers it reads them by.
 */
class TestAppTest {
    private static final int BURST = 300;
    private static final int CHECKOUTS = 1000;
    private static final int CLIENTS = 16;

    @Test
    void shouldAnswerABurstOfConnectionsWithoutDroppingOne() throws Exception {
        try (var app = RunningApp.start(TestImages.V1)) {
            var pool = Executors.newFixedThreadPool(BURST);
            var answers = new ArrayList<Future<String>>();
            for (int i = 0; i < BURST; i++) {
                answers.add(pool.submit((Callable<String>) () -> app.get("/")));
            }
            var bodies = all(answers);
            pool.shutdown();

            assertThat(bodies).hasSize(BURST).allMatch(b -> b.endsWith("bgtest-app v1"), "answered by v1");
            assertThat(listenDrops(app.name())).as("SYNs the app's listen queue dropped").isZero();
        }
    }

    @Test
    void shouldFailExactlyItsShareOfCheckoutsWhileItsHealthStaysOk() throws Exception {
        try (var app = RunningApp.start(TestImages.failingCheckout(100))) {
            var pool = Executors.newFixedThreadPool(CLIENTS);
            var checkouts = new ArrayList<Future<String>>();
            var healths = new ArrayList<Future<String>>();
            for (int i = 0; i < CHECKOUTS; i++) {
                // Half with a query string: a business request carries its parameters.
                var target = i % 2 == 0 ? "/checkout" : "/checkout?item=" + i;
                checkouts.add(pool.submit((Callable<String>) () -> app.get(target)));
                if (i % 20 == 0) {
                    healths.add(pool.submit((Callable<String>) () -> app.get("/health")));
                }
            }
            var checkoutAnswers = all(checkouts);
            var healthAnswers = all(healths);
            pool.shutdown();

            assertThat(checkoutAnswers.stream().filter(a -> status(a) == 500).count()).isEqualTo(100);
            assertThat(checkoutAnswers).filteredOn(a -> status(a) == 500)
                    .allMatch(a -> a.startsWith("HTTP/1.1 500 Internal Server Error\r\n"), "500 with its reason phrase");
            assertThat(checkoutAnswers).filteredOn(a -> status(a) == 200)
                    .allMatch(a -> a.endsWith("{\"status\":\"ordered\",\"version\":\"v2\"}"), "ordered by v2");
            assertThat(healthAnswers).allMatch(a -> status(a) == 200, "/health 200");
            var metrics = metrics(app.get("/metrics"));
            assertThat(metrics).containsEntry("http_requests_total{path=\"/checkout\",code=\"500\"}", 100.0)
                    .containsEntry("http_requests_total{path=\"/checkout\",code=\"200\"}", 900.0)
                    .containsEntry("http_requests_total{path=\"/health\",code=\"200\"}", (double) healths.size());
        }
    }

    @Test
    void shouldCountItsAnswersInMetricsButNotItsScrapes() throws Exception {
        try (var app = RunningApp.start(TestImages.V1)) {
            for (int i = 0; i < 7; i++) {
                app.get("/checkout");
            }
            for (int i = 0; i < 3; i++) {
                app.get("/health");
            }
            app.get("/no-such-page");
            app.get("/no-such-page?either");

            var scrape = app.get("/metrics");
            var metrics = metrics(scrape);

            assertThat(status(scrape)).isEqualTo(200);
            assertThat(scrape).contains("\n# TYPE http_requests_total counter\n",
                    "\n# TYPE http_request_duration_seconds histogram\n");
            assertThat(metrics).containsEntry("http_requests_total{path=\"/checkout\",code=\"200\"}", 7.0)
                    .containsEntry("http_requests_total{path=\"/checkout\",code=\"500\"}", 0.0)
                    .containsEntry("http_requests_total{path=\"/health\",code=\"200\"}", 3.0)
                    .containsEntry("http_requests_total{path=\"other\",code=\"404\"}", 2.0)
                    .containsEntry("http_request_duration_seconds_count{path=\"/checkout\"}", 7.0)
                    .containsEntry("http_request_duration_seconds_bucket{path=\"/checkout\",le=\"+Inf\"}", 7.0)
                    .containsEntry("http_request_duration_seconds_count{path=\"/health\"}", 3.0)
                    .containsEntry("http_request_duration_seconds_bucket{path=\"/health\",le=\"+Inf\"}", 3.0);
            assertThat(metrics.get("http_request_duration_seconds_sum{path=\"/checkout\"}")).isPositive();
            assertThat(buckets(metrics, "/checkout")).as("cumulative buckets of /checkout").isSorted();
            assertThat(metrics(app.get("/metrics"))).as("a second scrape").isEqualTo(metrics);
        }
    }

    @Test
    void shouldHoldBackEveryCheckoutButNotItsHealth() throws Exception {
        var delay = Duration.ofMillis(300);
        try (var app = RunningApp.start(TestImages.slowCheckout((int) delay.toMillis()))) {
            long begun = System.nanoTime();
            var checkout = app.get("/checkout");
            var took = Duration.ofNanos(System.nanoTime() - begun);

            assertThat(status(checkout)).isEqualTo(200);
            assertThat(took).isGreaterThanOrEqualTo(delay);
            assertThat(status(app.get("/health"))).isEqualTo(200);
            var metrics = metrics(app.get("/metrics"));
            assertThat(metrics).as("no checkout under the delay")
                    .containsEntry("http_request_duration_seconds_bucket{path=\"/checkout\",le=\"0.25\"}", 0.0)
                    .containsEntry("http_request_duration_seconds_bucket{path=\"/checkout\",le=\"+Inf\"}", 1.0);
            assertThat(metrics.get("http_request_duration_seconds_sum{path=\"/checkout\"}"))
                    .isGreaterThanOrEqualTo(delay.toMillis() / 1000.0);
        }
    }

    /** A test app in its own container, published on a loopback port; closing removes it. */
    private record RunningApp(String name, int port) implements AutoCloseable {
        static RunningApp start(final TestImages.App app) throws InterruptedException {
            var image = TestImages.ensure(app);
            var name = "bgtest-app-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
            int port = FreePorts.forContainer();
            podman("run", "-d", "--name", name, "-p", "127.0.0.1:" + port + ":3000", image);
            var running = new RunningApp(name, port);
            try {
                running.awaitListening();
                return running;
            }
            catch (InterruptedException | RuntimeException | Error e) {
                running.close();
                throw e;
            }
        }

        /** The whole answer to a GET of {@code target}: status line, headers and body. */
        String get(final String target) throws IOException {
            try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                var request = "GET " + target + " HTTP/1.1\r\nHost: app\r\n\r\n";
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                try (InputStream in = socket.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }

        private void awaitListening() throws InterruptedException {
            for (int i = 0; i < 100; i++) {
                try (var socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    return;
                }
                catch (IOException e) {
                    Thread.sleep(50);
                }
            }
            throw new AssertionError("the app did not listen on port " + port + " within 5 s");
        }

        @Override
        public void close() {
            podman("rm", "-f", "-t", "0", name);
        }
    }

    private static List<String> all(final List<Future<String>> answers) throws Exception {
        var done = new ArrayList<String>();
        for (Future<String> answer : answers) {
            done.add(answer.get(60, TimeUnit.SECONDS));
        }
        return done;
    }

    private static int status(final String answer) {
        return Integer.parseInt(answer.split(" ", 3)[1]);
    }

    /** The samples of a Prometheus text exposition, by series (name and labels). */
    private static Map<String, Double> metrics(final String answer) {
        var body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        var samples = new HashMap<String, Double>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    /** The histogram's buckets of {@code path} by their bound, +Inf last. */
    private static List<Double> buckets(final Map<String, Double> metrics, final String path) {
        var prefix = "http_request_duration_seconds_bucket{path=\"" + path + "\",le=";
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .sorted(Map.Entry.comparingByKey((a, b) -> Double.compare(bound(a), bound(b))))
                .map(Map.Entry::getValue).toList();
    }

    private static double bound(final String series) {
        var le = series.substring(series.indexOf("le=\"") + 4, series.lastIndexOf('"'));
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    /** ListenDrops from the container's network namespace, where its listen queue lives. */
    private static long listenDrops(final String container) {
        var lines = podman("exec", container, "cat", "/proc/net/netstat").lines().toList();
        var names = lines.get(0).split("\\s+");
        var values = lines.get(1).split("\\s+");
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals("ListenDrops")) {
                return Long.parseLong(values[i]);
            }
        }
        throw new IllegalStateException("no ListenDrops in the container's /proc/net/netstat: " + lines.get(0));
    }

    private static String podman(final String... args) {
        var command = new ArrayList<>(List.of(TestTools.require("podman").toString()));
        command.addAll(List.of(args));
        return LocalProgram.run(command, false);
    }
}
