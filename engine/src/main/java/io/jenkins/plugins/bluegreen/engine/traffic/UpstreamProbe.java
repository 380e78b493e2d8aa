package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.HttpCall;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Asks a host's public URL which backend answered, by reading the
 * {@value NginxUpstream#UPSTREAM_HEADER} header the site config sets from {@code $upstream_addr}.
 * This is nginx's own account of where it sent the request, so it holds for any application,
 * whatever its responses look like.
 *
 * <p>One answer from the new backend does not yet mean the switch is done: {@code nginx -s reload}
 * returns before the old workers have stopped accepting connections, so for a moment a new
 * connection may still go to an old worker and the old backend. The probe therefore wants
 * {@value #CONFIRMATIONS} answers in a row, each on a fresh connection, before it calls the switch
 * done; by then the master has told the old workers to quit and they have closed their listeners.
 *
 * <p>A URL on the host's loopback is reached through a tunnel over the host's connection; any other
 * URL is requested directly.
 */
public final class UpstreamProbe {
    static final int CONFIRMATIONS = 3;
    private static final Duration CONFIRMATION_PAUSE = Duration.ofMillis(20);

    private final OkHttpClient client;

    public UpstreamProbe(final Duration requestTimeout) {
        this.client = new OkHttpClient.Builder()
                .callTimeout(requestTimeout)
                .followRedirects(false)
                .build();
    }

    /**
     * Requests {@code url} until nginx reports {@code expected} as the backend with a response below
     * 500 {@value #CONFIRMATIONS} times in a row; gives up after {@code attempts} other answers.
     *
     * @return how many requests it took
     */
    public int await(final Connection host, final URI url, final String expected, final int attempts,
                     final Duration interval) {
        if (!isLoopback(url.getHost())) {
            return poll(host, url, url, expected, attempts, interval);
        }
        try (var tunnel = host.forward(port(url))) {
            var local = URI.create(url.getScheme() + "://127.0.0.1:" + tunnel.localPort() + path(url));
            return poll(host, url, local, expected, attempts, interval);
        }
    }

    private int poll(final Connection host, final URI url, final URI via, final String expected,
                     final int attempts, final Duration interval) {
        var seen = "no response";
        int asked = 0;
        int misses = 0;
        int inARow = 0;
        while (misses < attempts) {
            seen = ask(url, via);
            asked++;
            if (seen.equals(answer(expected))) {
                if (++inARow == CONFIRMATIONS) {
                    return asked;
                }
                pause(CONFIRMATION_PAUSE);
            }
            else {
                inARow = 0;
                misses++;
                pause(interval);
            }
        }
        throw new DeployFailedException(host.host() + ": " + url + " did not answer from " + expected + " after "
                + attempts + " requests; last: " + seen);
    }

    private String ask(final URI url, final URI via) {
        // A fresh connection each time: a kept-alive one may belong to a worker of the old configuration.
        var request = new Request.Builder().url(via.toString())
                .header("Host", url.getRawAuthority())
                .header("Connection", "close")
                .build();
        try (var response = HttpCall.execute(client, request)) {
            var upstream = response.header(NginxUpstream.UPSTREAM_HEADER);
            if (upstream == null) {
                return "HTTP " + response.code() + " without a " + NginxUpstream.UPSTREAM_HEADER
                        + " header (add it to the server block, see docs/traffic.md)";
            }
            return response.code() < 500 ? answer(upstream) : "HTTP " + response.code() + " from " + upstream;
        }
        catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String answer(final String upstream) {
        return "answered from " + upstream;
    }

    private static void pause(final Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailedException("interrupted while verifying the traffic switch", e);
        }
    }

    static boolean isLoopback(final String host) {
        var h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static int port(final URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }

    private static String path(final URI url) {
        var path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
