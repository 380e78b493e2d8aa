package io.jenkins.plugins.bluegreen.engine.health;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.Excerpt;
import io.jenkins.plugins.bluegreen.engine.HttpCall;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Polls health URLs until each has answered well {@code successes} times in a row, or the deadline
 * or attempt limit runs out. Works for any list of URLs: the idle color through tunnels during a
 * deploy, or whatever a pipeline's {@code healthGate} step names.
 *
 * <p>Redirects are not followed: a health endpoint that redirects (to a login page, say) is not
 * answering for the app, and its 3xx fails the default 200-299 range.
 */
public final class HealthGate {
    /** Enough of a body to show what went wrong, short enough for one log line. */
    private static final int EXCERPT = 200;
    private static final long BODY_LIMIT = 64 * 1024;

    private final GateSettings settings;
    private final ResponseRule rule;
    private final OkHttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EventSink events;
    private final SecretMask mask;
    /** Whether a failure shows an excerpt of the answer's body. */
    private final boolean excerpts;

    public HealthGate(final GateSettings settings, final EventSink events, final SecretMask mask) {
        this(settings, events, mask, Clock.systemUTC(), Sleeper.real());
    }

    public HealthGate(final GateSettings settings, final EventSink events, final SecretMask mask, final Clock clock,
                      final Sleeper sleeper) {
        this(settings, events, mask, clock, sleeper, true);
    }

    private HealthGate(final GateSettings settings, final EventSink events, final SecretMask mask, final Clock clock,
                       final Sleeper sleeper, final boolean excerpts) {
        this.excerpts = excerpts;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rule = new ResponseRule(settings);
        this.events = events;
        this.mask = mask;
        this.clock = clock;
        this.sleeper = sleeper;
        this.http = new OkHttpClient.Builder()
                .callTimeout(settings.requestTimeout())
                .connectTimeout(settings.requestTimeout())
                .readTimeout(settings.requestTimeout())
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * This gate, reporting a failing answer by its status and the check that failed but without an
     * excerpt of its body: for URLs a pipeline names, whose bodies (an internal service's error page,
     * say) are not the pipeline's to read in a build log.
     */
    public HealthGate withoutBodyExcerpts() {
        return new HealthGate(settings, events, mask, clock, sleeper, false);
    }

    /** Polls every target until all pass or time runs out; one result per target, in order. */
    public List<GateResult> await(final List<GateTarget> targets) {
        var start = clock.instant();
        var giveUpAt = settings.deadline() == null ? Instant.MAX : start.plus(settings.deadline());
        var states = targets.stream().map(Progress::new).toList();
        emit(Event.Level.INFO, null, "waiting for " + targets.size() + " URL(s) to pass " + settings.successes()
                + " time(s) in a row" + limits());
        for (int round = 1; ; round++) {
            for (Progress p : states) {
                if (!p.passed) {
                    probe(p, start);
                }
            }
            boolean allPassed = states.stream().allMatch(p -> p.passed);
            boolean outOfAttempts = settings.maxAttempts() > 0 && round >= settings.maxAttempts();
            boolean outOfTime = clock.instant().plus(settings.interval()).isAfter(giveUpAt);
            if (allPassed || outOfAttempts || outOfTime) {
                break;
            }
            pause();
        }
        var elapsed = Duration.between(start, clock.instant());
        var results = new ArrayList<GateResult>();
        for (Progress p : states) {
            var result = new GateResult(p.target, p.passed, p.attempts, p.passed ? p.elapsed : elapsed, p.lastStatus,
                    p.passed ? null : p.failure);
            if (!p.passed) {
                emit(Event.Level.ERROR, p.target.host(), result.describe());
            }
            results.add(result);
        }
        return results;
    }

    private void probe(final Progress p, final Instant start) {
        p.attempts++;
        var failure = request(p);
        if (failure == null) {
            p.consecutive++;
            if (p.consecutive >= settings.successes()) {
                p.passed = true;
                p.elapsed = Duration.between(start, clock.instant());
                emit(Event.Level.INFO, p.target.host(), p.target.url() + " healthy after " + p.attempts
                        + " attempt(s) in " + GateResult.seconds(p.elapsed));
            }
            return;
        }
        p.consecutive = 0;
        if (!failure.equals(p.failure)) {
            // Report each new kind of failure once; the same 503 every 2s for a minute helps no one.
            emit(Event.Level.INFO, p.target.host(), p.target.url() + ": attempt " + p.attempts + ": " + failure);
        }
        p.failure = failure;
    }

    /** {@code null} when the response passes; otherwise the masked reason with status and body excerpt. */
    private String request(final Progress p) {
        var request = new Request.Builder().url(p.target.url()).get().build();
        try (var response = HttpCall.execute(http, request)) {
            p.lastStatus = response.code();
            var body = response.peekBody(BODY_LIMIT).string();
            var why = rule.failure(p.target, response.code(), body);
            return why == null ? null : mask.apply(why) + " (status " + response.code()
                    + (excerpts ? ", body: " + excerpt(body) : "") + ")";
        }
        catch (ConnectException e) {
            return "connection refused";
        }
        catch (UnknownHostException e) {
            return "unknown host " + request.url().host();
        }
        catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            return "no response within " + GateResult.seconds(settings.requestTimeout());
        }
        catch (IOException e) {
            return "request failed: " + mask.apply(String.valueOf(e.getMessage()));
        }
    }

    private String excerpt(final String body) {
        return Excerpt.of(mask.apply(body), EXCERPT);
    }

    private String limits() {
        var parts = new ArrayList<String>();
        if (settings.deadline() != null) {
            parts.add("deadline " + GateResult.seconds(settings.deadline()));
        }
        if (settings.maxAttempts() > 0) {
            parts.add("at most " + settings.maxAttempts() + " attempts");
        }
        return " (" + String.join(", ", parts) + ", every " + GateResult.seconds(settings.interval()) + ")";
    }

    private void pause() {
        try {
            sleeper.sleep(settings.interval());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private static DeployFailedException interrupted(final Exception e) {
        return new DeployFailedException("health gate interrupted; traffic was not switched", e);
    }

    private void emit(final Event.Level level, final String host, final String message) {
        events.accept(new Event(clock.instant(), Phase.GATE, level, host, mask.apply(message)));
    }

    /** Where one target stands; touched by the polling thread only. */
    private static final class Progress {
        private final GateTarget target;
        private int attempts;
        private int consecutive;
        private int lastStatus = -1;
        private boolean passed;
        private Duration elapsed = Duration.ZERO;
        private String failure;

        Progress(final GateTarget target) {
            this.target = target;
        }
    }
}
