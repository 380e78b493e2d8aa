package io.jenkins.plugins.bluegreen.engine.window;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.engine.config.ConfigSection;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The window policy of every destination: one default, and per-destination policies that replace it
 * (for example staging {@code unrestricted}). Format: docs/windows.md.
 */
public final class WindowPolicies implements Serializable {
    private static final long serialVersionUID = 1L;

    private final WindowPolicy fallback;
    private final Map<String, WindowPolicy> byDestination;
    /** Host patterns per destination: a deploy reaching one is held by that destination's policy too. */
    private final Map<String, Set<String>> hostsByDestination;

    /** A default policy and per-destination policies that replace it. */
    public WindowPolicies(final WindowPolicy fallback, final Map<String, WindowPolicy> byDestination) {
        this(fallback, byDestination, Map.of());
    }

    /**
     * @param hostsByDestination for some destinations, the hosts that belong to them ({@code web-1.internal},
     *     {@code *.prod.internal}); a deploy to any of them is held by that destination's policy whatever
     *     destination name it was given
     */
    public WindowPolicies(final WindowPolicy fallback, final Map<String, WindowPolicy> byDestination,
                          final Map<String, Set<String>> hostsByDestination) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.byDestination = Map.copyOf(byDestination);
        this.hostsByDestination = Map.copyOf(hostsByDestination);
    }

    /** The procedure's policy for every destination. */
    public static WindowPolicies seedDefault() {
        return new WindowPolicies(WindowPolicy.seedDefault(), Map.of());
    }

    /**
     * Reads a policy written as YAML, for the Jenkins global configuration and the command line.
     * The text is either the policy itself or a mapping with a single {@code windows} key holding
     * it; an empty text means the procedure's default. {@code source} names the text in messages.
     */
    public static WindowPolicies parse(final String yamlText, final String source) {
        return WindowConfigReader.parseText(yamlText, source);
    }

    /**
     * Reads the policy subtree of a config file that someone else has parsed, such as
     * {@code x-bluegreen.windows} of config/deploy.yml. {@code source} (the file name) and
     * {@code path} (the subtree's slash path, e.g. {@code x-bluegreen/windows}) locate mistakes in
     * messages. A missing or null node means the procedure's default.
     */
    public static WindowPolicies parse(final JsonNode node, final String source, final String path) {
        return new WindowConfigReader(source).policies(node, path);
    }

    /**
     * The policies of a loaded config/deploy.yml ({@code config.extension().windows()}), its destination
     * already merged in; the procedure's default when the file does not write the section.
     */
    public static WindowPolicies from(final ConfigSection windows) {
        return parse(windows.node(), windows.file(), windows.path());
    }

    /** The policy for {@code destinationOrNull}; the default for null or a destination not listed. */
    public WindowPolicy forDestination(final String destinationOrNull) {
        return destinationOrNull == null ? fallback : byDestination.getOrDefault(destinationOrNull, fallback);
    }

    /**
     * The policy a deploy to {@code destinationOrNull} reaching {@code hosts} is held by: its
     * destination's, tightened by that of every destination whose host set it reaches. The
     * repository names its destinations and lists its hosts, so a name alone would let a
     * {@code deploy.staging.yml} listing production hosts deploy there under staging's policy.
     */
    public WindowPolicy forDeploy(final String destinationOrNull, final Collection<String> hosts) {
        var policy = forDestination(destinationOrNull);
        for (var entry : new TreeMap<>(hostsByDestination).entrySet()) {
            if (hosts.stream().anyMatch(host -> entry.getValue().stream().anyMatch(pattern -> matches(pattern, host)))) {
                policy = policy.tightenedBy(forDestination(entry.getKey()));
            }
        }
        return policy;
    }

    /** An exact host name, or {@code *.suffix} for every host under it; host names ignore case. */
    private static boolean matches(final String pattern, final String host) {
        var p = pattern.toLowerCase(Locale.ROOT);
        var h = host.toLowerCase(Locale.ROOT);
        return p.startsWith("*.") ? h.endsWith(p.substring(1)) : h.equals(p);
    }

    /**
     * Every destination held by both: how the admins' floor (this) combines with a repository's
     * policies ({@code repository}), which may hold more but never less; host sets add up.
     */
    public WindowPolicies tightenedBy(final WindowPolicies repository) {
        var destinations = new HashSet<>(byDestination.keySet());
        destinations.addAll(repository.byDestination.keySet());
        var combined = new HashMap<String, WindowPolicy>();
        for (var d : destinations) {
            combined.put(d, forDestination(d).tightenedBy(repository.forDestination(d)));
        }
        var hosts = new HashMap<String, Set<String>>(hostsByDestination);
        repository.hostsByDestination.forEach((d, patterns) -> hosts.merge(d, patterns, WindowPolicies::union));
        return new WindowPolicies(fallback.tightenedBy(repository.fallback), combined, hosts);
    }

    private static Set<String> union(final Set<String> a, final Set<String> b) {
        var all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof WindowPolicies p && fallback.equals(p.fallback) && byDestination.equals(p.byDestination)
                && hostsByDestination.equals(p.hostsByDestination);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fallback, byDestination, hostsByDestination);
    }

    @Override
    public String toString() {
        return "default: " + fallback + (byDestination.isEmpty() ? "" : "; " + new TreeMap<>(byDestination))
                + (hostsByDestination.isEmpty() ? "" : "; hosts " + new TreeMap<>(hostsByDestination));
    }
}
