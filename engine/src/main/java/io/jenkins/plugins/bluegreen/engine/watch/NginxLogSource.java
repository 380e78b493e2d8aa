package io.jenkins.plugins.bluegreen.engine.watch;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.config.WatchTraffic;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.EachHost;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The users' requests to the new color, as nginx's JSON access log on every host records them.
 * At the switch it notes where each host's log ends; each read takes the complete lines appended
 * since, on every host at once, and counts those the new color answered (its port is the last
 * address of {@code upstream_addr}). Lines of the old color (old workers finishing their requests)
 * and of nginx's own answers are not the release's and are left out.
 */
public final class NginxLogSource implements TrafficSource {
    static final String KEY = "x-bluegreen/watch/traffic/nginx/access_log";
    private static final String DOCS = "(see docs/traffic.md, \"Watching real traffic\")";
    /** A host that does not answer this fast before the switch is not one to watch through. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final int SHOWN_CHARS = 200;

    private final WatchTraffic.NginxLog settings;
    private final WatchedRelease release;
    private final AccessLogCommands commands;
    /** Per host, the byte offset the next read starts at; each host's step runs on a thread of its own. */
    private final Map<Host, Long> offsets = new ConcurrentHashMap<>();

    public NginxLogSource(final WatchTraffic.NginxLog settings, final WatchedRelease release) {
        this.settings = settings;
        this.release = release;
        this.commands = new AccessLogCommands(settings.accessLog());
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "nginx access log %s on %d host(s)", settings.accessLog(),
                release.hosts().size());
    }

    /**
     * Every host's log can be read, and its last line is a request in the documented format. An
     * empty log passes: nginx may not have served anything since it started writing it.
     */
    @Override
    public void check() {
        var problems = EachHost.runOn(release.hosts(), this::problem).orThrow("checking the " + describe())
                .values().stream().flatMap(Optional::stream).toList();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("\n", problems));
        }
    }

    private Optional<String> problem(final Connection host) {
        var result = host.run(commands.lastLine(), OutputListener.discard(), CHECK_TIMEOUT);
        if (!result.ok()) {
            return Optional.of(KEY + ": cannot read " + settings.accessLog() + " on " + host.host() + ": "
                    + why(result) + "; expected the file nginx writes one JSON object per request to " + DOCS);
        }
        var line = result.stdout().strip();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        try {
            AccessLogLine.parse(line);
            return Optional.empty();
        }
        catch (AccessLogLine.Malformed e) {
            return Optional.of(KEY + ": the last line of " + settings.accessLog() + " on " + host.host() + " "
                    + e.getMessage() + "; found: " + shown(line) + "; expected one JSON object per request with "
                    + "status, request_time and upstream_addr " + DOCS);
        }
    }

    /** Notes where each host's log ends. A host that cannot tell is asked again at the first read, which fails. */
    @Override
    public void start() {
        offsets.clear();
        EachHost.runOn(release.hosts(), host -> offsets.put(host.host(), end(host)));
    }

    @Override
    public Reading read() {
        try {
            var each = EachHost.runOn(release.hosts(), this::newColorLines);
            if (!each.failures().isEmpty()) {
                return Reading.failed(each.failures().entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
            }
            var served = each.values().values().stream().flatMap(List::stream).toList();
            long errors = served.stream().filter(line -> line.isError(settings)).count();
            return Reading.counted(errors, served.stream().mapToLong(AccessLogLine::requestMillis).toArray());
        }
        catch (RuntimeException e) {
            return Reading.failed("reading the " + describe() + ": " + e.getMessage());
        }
    }

    /** The complete lines appended on one host since its last read that the new color answered. */
    private List<AccessLogLine> newColorLines(final Connection host) {
        var from = offsets.get(host.host());
        if (from == null) {
            offsets.put(host.host(), end(host));
            throw new IllegalStateException("where " + settings.accessLog()
                    + " ended at the switch is not known, so this interval has no count; counting from now on");
        }
        var output = run(host, commands.readSince(from), release.interval()).lines().iterator();
        // The offset moves on even when a line below is malformed: one bad line fails one interval, not the rest.
        offsets.put(host.host(), offset(output.hasNext() ? output.next() : ""));
        var served = new ArrayList<AccessLogLine>();
        while (output.hasNext()) {
            var text = output.next();
            if (text.isBlank()) {
                continue;
            }
            try {
                var line = AccessLogLine.parse(text);
                if (line.servedBy(release.port())) {
                    served.add(line);
                }
            }
            catch (AccessLogLine.Malformed e) {
                throw new IllegalStateException("a line of " + settings.accessLog() + " " + e.getMessage()
                        + "; found: " + shown(text));
            }
        }
        return served;
    }

    private long end(final Connection host) {
        return offset(run(host, commands.end(), CHECK_TIMEOUT).strip());
    }

    private long offset(final String text) {
        try {
            return Long.parseLong(text.strip());
        }
        catch (NumberFormatException e) {
            throw new IllegalStateException("reading " + settings.accessLog() + " printed '" + shown(text)
                    + "' where a byte offset was expected");
        }
    }

    /** What a command printed, or why it could not be read, without the host (the caller names it). */
    private String run(final Connection host, final Command command, final Duration timeout) {
        CommandResult result;
        try {
            result = host.run(command, OutputListener.discard(), timeout);
        }
        catch (DeployFailedException e) {
            var prefix = host.host() + ": ";
            var message = e.getMessage();
            throw new IllegalStateException("cannot read " + settings.accessLog() + ": "
                    + (message.startsWith(prefix) ? message.substring(prefix.length()) : message));
        }
        if (!result.ok()) {
            throw new IllegalStateException("cannot read " + settings.accessLog() + ": " + why(result));
        }
        return result.stdout();
    }

    private static String why(final CommandResult result) {
        return result.stderrTail().isEmpty() ? "exit " + result.exitCode() : String.join("; ", result.stderrTail());
    }

    private static String shown(final String line) {
        return line.length() > SHOWN_CHARS ? line.substring(0, SHOWN_CHARS) + "..." : line;
    }
}
