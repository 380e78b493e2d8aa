package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.Durations;
import io.jenkins.plugins.bluegreen.engine.health.GateResult;
import io.jenkins.plugins.bluegreen.engine.health.GateSettings;
import io.jenkins.plugins.bluegreen.engine.health.GateTarget;
import io.jenkins.plugins.bluegreen.engine.health.HealthGate;
import io.jenkins.plugins.bluegreen.engine.health.StatusRange;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code bluegreen health-gate URL...}: the health gate on its own, for smoke checks and scripts. */
@Command(name = "health-gate", mixinStandardHelpOptions = true,
        description = {"Poll health URLs until each answers healthy the given number of times in a row.",
                "Exit 0 when all pass, 1 when any does not, 2 on bad input."})
final class HealthGateCommand implements Callable<Integer> {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Parameters(arity = "1..*", paramLabel = "URL", description = "http(s) URLs to poll.")
    List<String> urls;

    @Option(names = "--interval", defaultValue = "2s", converter = DurationText.class, paramLabel = "DURATION",
            description = "Pause between rounds (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--timeout", defaultValue = "5s", converter = DurationText.class, paramLabel = "DURATION",
            description = "Limit for one request (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--deadline", defaultValue = "60s", converter = DurationText.class, paramLabel = "DURATION",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    Duration deadline;

    @Option(names = "--max-attempts", defaultValue = "0", paramLabel = "N",
            description = "Give up after N rounds; 0 for the deadline alone (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--successes", defaultValue = "1", paramLabel = "N",
            description = "Passing answers in a row each URL needs (default: ${DEFAULT-VALUE}).")
    int successes;

    @Option(names = "--status", defaultValue = "200-299", paramLabel = "RANGE",
            description = "Statuses that pass (default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--json-status", paramLabel = "VALUE", description = "The body's \"status\" must equal VALUE.")
    String jsonStatus;

    @Option(names = "--require-checks", paramLabel = "true|false", arity = "1",
            description = "Every entry of the body's \"checks\" must be true (default: on paths ending in /ready).")
    Boolean requireChecks;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            var settings = new GateSettings(interval, timeout, deadline, maxAttempts, successes,
                    StatusRange.parse(status), jsonStatus);
            var targets = urls.stream().map(u -> requireChecks == null ? new GateTarget(null, u)
                    : new GateTarget(null, u, requireChecks)).toList();
            var results = new HealthGate(settings, e -> {
                err.println(e.line());
                err.flush();
            }, SecretMask.none()).await(targets);
            results.forEach(r -> out.println((r.passed() ? "PASS " : "FAIL ") + r.describe()));
            out.flush();
            return GateResult.allPassed(results) ? PASSED : FAILED;
        }
        catch (InvalidInputException e) {
            err.println(e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }

    /** Reads durations as the config writes them ({@code 500ms}, {@code 2s}, {@code 1m}), with the config's own parser. */
    static final class DurationText implements ITypeConverter<Duration> {
        @Override
        public Duration convert(final String value) {
            return Durations.parse(value.toLowerCase(Locale.ROOT)).orElseThrow(() -> new TypeConversionException(
                    "expected a duration like 500ms, 2s or 1m, got '" + value + "'"));
        }
    }
}
