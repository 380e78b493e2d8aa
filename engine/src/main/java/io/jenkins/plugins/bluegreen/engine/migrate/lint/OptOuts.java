package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code bluegreen:allow <rule-id>[, <rule-id>...] -- <reason>} comments of one migration file.
 * An opt-out covers its whole migration: the comment sits next to the statement for the reviewer,
 * but one migration is one reviewed change. An opt-out without a reason, or naming no known rule,
 * allows nothing and is itself reported.
 */
final class OptOuts {
    private static final Pattern ALLOW = Pattern.compile("^\\s*bluegreen:allow\\b(.*)$", Pattern.DOTALL);

    private final Path file;
    private final Map<Rule, String> reasons = new EnumMap<>(Rule.class);
    private final List<Finding> problems = new ArrayList<>();

    OptOuts(final Path file) {
        this.file = file;
    }

    /** Reads one comment's text (without its comment marker); comments that are no opt-out are ignored. */
    void read(final int line, final String comment) {
        var allow = ALLOW.matcher(comment.strip());
        if (!allow.matches()) {
            return;
        }
        var rest = allow.group(1).strip();
        // Rule ids hold single hyphens only, so the first "--" always starts the reason.
        var dashes = rest.indexOf("--");
        var ids = dashes < 0 ? rest : rest.substring(0, dashes);
        var reason = dashes < 0 ? "" : rest.substring(dashes + 2).strip();
        var found = "bluegreen:allow " + rest;
        if (reason.isEmpty()) {
            problems.add(new Finding(file, line, Rule.OPT_OUT_WITHOUT_REASON, found));
            return;
        }
        var named = new ArrayList<Rule>();
        for (String id : ids.strip().split("[\\s,]+")) {
            var rule = Rule.byId(id).filter(Rule::canBeAllowed);
            if (rule.isEmpty()) {
                problems.add(new Finding(file, line, Rule.OPT_OUT_UNKNOWN_RULE, found));
                return;
            }
            named.add(rule.get());
        }
        named.forEach(r -> reasons.put(r, reason));
    }

    /** The reason given for allowing {@code rule} in this migration, if it is allowed. */
    Optional<String> reasonFor(final Rule rule) {
        return Optional.ofNullable(reasons.get(rule));
    }

    /** Opt-outs that allow nothing because they lack a reason or name an unknown rule. */
    List<Finding> problems() {
        return List.copyOf(problems);
    }
}
