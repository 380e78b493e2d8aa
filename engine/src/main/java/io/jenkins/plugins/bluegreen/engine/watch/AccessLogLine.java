package io.jenkins.plugins.bluegreen.engine.watch;

import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One request as nginx's JSON access log records it: its status, how long nginx took, and the
 * loopback port of the backend that answered last, which names the color. {@code upstream_addr}
 * lists every backend nginx tried ({@code 127.0.0.1:3001, 127.0.0.1:3002} after a retry,
 * {@code ... : ...} across an internal redirect); the last one gave the answer the user got.
 *
 * @param upstreamPort empty when no color answered: nginx answered itself ({@code -}), a unix
 *                     socket did, or no server of the upstream could be chosen
 */
public record AccessLogLine(int status, long requestMillis, OptionalInt upstreamPort) {
    /** The fields the watch needs, in the order a message names them. */
    public static final List<String> REQUIRED = List.of("status", "request_time", "upstream_addr");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS_SEPARATOR = Pattern.compile(", | : ");
    private static final Pattern PORT = Pattern.compile(":(\\d{1,5})$");
    private static final Pattern STATUS = Pattern.compile("\\d{3}");

    /** A line that is not one request in the documented format; the message says what it lacks. */
    public static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(final String why) {
            super(why);
        }
    }

    /**
     * Parses one line.
     *
     * @throws Malformed with a reason that reads after "the line": {@code lacks request_time, upstream_addr}
     */
    public static AccessLogLine parse(final String line) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        }
        catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new Malformed("is not a JSON object, so it lacks " + String.join(", ", REQUIRED));
        }
        var missing = new ArrayList<String>();
        for (String field : REQUIRED) {
            if (json.path(field).isNull() || json.path(field).isMissingNode()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new Malformed("lacks " + String.join(", ", missing));
        }
        return new AccessLogLine(status(json.get("status")), millis(json.get("request_time")),
                port(json.get("upstream_addr").asText()));
    }

    /** Whether the color publishing {@code port} answered this request. */
    public boolean servedBy(final int port) {
        return upstreamPort.isPresent() && upstreamPort.getAsInt() == port;
    }

    /** Whether the settings count this request as an error: a listed status or status class, or too slow. */
    public boolean isError(final WatchTraffic.NginxLog settings) {
        var code = Integer.toString(status);
        for (String error : settings.errors()) {
            if (error.equals(code) || error.endsWith("xx") && error.charAt(0) == code.charAt(0)) {
                return true;
            }
        }
        return settings.timeout().map(t -> requestMillis >= t.toMillis()).orElse(false);
    }

    // escape=json writes $status bare, so it is a number; a hand-made format may quote it.
    private static int status(final JsonNode node) {
        var text = node.asText();
        if (!(node.isInt() || node.isTextual()) || !STATUS.matcher(text).matches()) {
            throw new Malformed("has status " + node + ", expected a number like 200");
        }
        return Integer.parseInt(text);
    }

    // Seconds with millisecond resolution ("0.123"): decimal arithmetic keeps 0.123 at exactly 123 ms.
    private static long millis(final JsonNode node) {
        try {
            if (node.isNumber() || node.isTextual()) {
                var millis = new BigDecimal(node.asText()).movePointRight(3).setScale(0, RoundingMode.HALF_UP);
                if (millis.signum() >= 0) {
                    return millis.longValueExact();
                }
            }
        }
        catch (NumberFormatException | ArithmeticException e) {
            // Reported below with the value that was found.
        }
        throw new Malformed("has request_time " + node + ", expected seconds like 0.123");
    }

    private static OptionalInt port(final String upstreamAddr) {
        var addresses = ADDRESS_SEPARATOR.split(upstreamAddr.strip());
        var last = addresses[addresses.length - 1].strip();
        var m = PORT.matcher(last);
        if (last.startsWith("unix:") || !m.find()) {
            return OptionalInt.empty();
        }
        int port = Integer.parseInt(m.group(1));
        return port >= 1 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
    }
}
