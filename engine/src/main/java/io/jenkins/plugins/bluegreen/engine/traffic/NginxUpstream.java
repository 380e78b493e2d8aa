package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The upstream include file the nginx switch owns on each host: one {@code upstream} block naming
 * the live color's loopback port, headed by a marker line that records color, port and version so
 * the next deploy (and a rollback) can tell what is live without asking anything else.
 */
public final class NginxUpstream {
    /** The header the site config adds from {@code $upstream_addr}; verification reads it. */
    public static final String UPSTREAM_HEADER = "X-Bluegreen-Upstream";

    private static final String MARKER = "# bluegreen:";
    private static final Pattern MARKER_LINE = Pattern.compile(
            "^# bluegreen: service=(\\S+) color=(\\S+) port=(\\d{1,5}) version=(\\S+)$", Pattern.MULTILINE);
    /** What nginx accepts as an upstream name without quoting. */
    private static final Pattern NGINX_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    /** Marker values are space-separated, so they must be one printable word. */
    private static final Pattern WORD = Pattern.compile("[\\x21-\\x7e]+");
    /**
     * Idle connections each worker keeps open to the backend: reused requests skip a TCP handshake,
     * and after a reload the new workers open fresh ones to the new port.
     */
    private static final int KEEPALIVE = 32;

    private NginxUpstream() {
    }

    /** The file content that sends {@code target.service()} to {@code 127.0.0.1:target.port()}. */
    public static String render(final Target target) {
        requireMatch("service", target.service(), NGINX_NAME, "letters, digits, '.', '_' or '-'");
        requireMatch("color", target.color(), WORD, "one word without spaces");
        requireMatch("version", target.version(), WORD, "one word without spaces");
        return MARKER + " service=" + target.service() + " color=" + target.color()
                + " port=" + target.port() + " version=" + target.version() + "\n"
                + "# Written by each deploy and rollback; edits here are overwritten.\n"
                + "upstream " + target.service() + " {\n"
                + "    server 127.0.0.1:" + target.port() + ";\n"
                + "    keepalive " + KEEPALIVE + ";\n"
                + "}\n";
    }

    /**
     * The target recorded in a file's marker line; empty for an empty (absent) file.
     *
     * @param where names the host and file in the error when the file was not written by us
     */
    public static Optional<Target> parse(final String content, final String where) {
        if (content.isBlank()) {
            return Optional.empty();
        }
        var m = MARKER_LINE.matcher(content);
        if (!m.find()) {
            throw new InvalidInputException(where + ": expected an upstream file written by bluegreen (a '"
                    + MARKER + " service=... color=... port=... version=...' line), found one without it;"
                    + " move it away or choose another x-bluegreen/traffic/upstream_file");
        }
        return Optional.of(new Target(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(4)));
    }

    /** The value nginx puts in {@value #UPSTREAM_HEADER} when {@code target} served the request. */
    public static String upstreamAddress(final Target target) {
        return "127.0.0.1:" + target.port();
    }

    private static void requireMatch(final String what, final String value, final Pattern pattern,
                                     final String expected) {
        if (!pattern.matcher(value).matches()) {
            throw new InvalidInputException("traffic target " + what + " for the nginx upstream file: expected "
                    + expected + ", got '" + value + "'");
        }
    }
}
