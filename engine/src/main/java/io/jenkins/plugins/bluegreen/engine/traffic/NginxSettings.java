package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.net.URI;
import java.time.Duration;

/**
 * How the nginx switch reaches nginx on a host.
 *
 * @param upstreamFile absolute path of the include file the switch owns
 * @param publicUrl the URL, as the host sees it, whose responses must come from the new color
 * @param testCommand shell text that checks nginx's configuration ({@code nginx -t})
 * @param reloadCommand shell text that reloads nginx gracefully ({@code nginx -s reload})
 * @param verifyAttempts how many requests verification makes at most before it gives up
 * @param verifyInterval the pause between two verification requests
 * @param commandTimeout the longest any one command on the host may take
 */
public record NginxSettings(String upstreamFile, URI publicUrl, String testCommand, String reloadCommand,
                            int verifyAttempts, Duration verifyInterval, Duration commandTimeout) {
    public static final String DEFAULT_TEST = "nginx -t";
    public static final String DEFAULT_RELOAD = "nginx -s reload";
    public static final URI DEFAULT_PUBLIC_URL = URI.create("http://127.0.0.1:80/");

    public NginxSettings {
        if (upstreamFile == null || !upstreamFile.startsWith("/") || upstreamFile.endsWith("/")) {
            throw new InvalidInputException("x-bluegreen/traffic/upstream_file: expected an absolute file path, got '"
                    + upstreamFile + "'");
        }
        var scheme = publicUrl == null ? null : publicUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || publicUrl.getHost() == null) {
            throw new InvalidInputException("x-bluegreen/traffic/public_url: expected an http:// or https:// URL"
                    + " with a host, got '" + publicUrl + "'");
        }
        testCommand = command("test", testCommand);
        reloadCommand = command("reload", reloadCommand);
        if (verifyAttempts < 1) {
            throw new InvalidInputException("traffic verify attempts: expected at least 1, got " + verifyAttempts);
        }
    }

    /** The defaults for {@code service}: {@code /etc/nginx/conf.d/<service>-upstream.conf}, port 80 on loopback. */
    public static NginxSettings defaults(final String service) {
        return new NginxSettings("/etc/nginx/conf.d/" + service + "-upstream.conf", DEFAULT_PUBLIC_URL,
                DEFAULT_TEST, DEFAULT_RELOAD, 50, Duration.ofMillis(100), Duration.ofSeconds(60));
    }

    public NginxSettings withUpstreamFile(final String file) {
        return new NginxSettings(file, publicUrl, testCommand, reloadCommand, verifyAttempts, verifyInterval,
                commandTimeout);
    }

    public NginxSettings withPublicUrl(final URI url) {
        return new NginxSettings(upstreamFile, url, testCommand, reloadCommand, verifyAttempts, verifyInterval,
                commandTimeout);
    }

    public NginxSettings withCommands(final String test, final String reload) {
        return new NginxSettings(upstreamFile, publicUrl, test, reload, verifyAttempts, verifyInterval,
                commandTimeout);
    }

    private static String command(final String key, final String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("x-bluegreen/traffic/" + key + ": expected a shell command, got an empty value");
        }
        return text.strip();
    }
}
