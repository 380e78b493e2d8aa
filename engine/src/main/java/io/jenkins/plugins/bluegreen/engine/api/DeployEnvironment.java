package io.jenkins.plugins.bluegreen.engine.api;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The environment variables a deploy reads where {@code config/deploy.yml} refers to them
 * ({@code $REGISTRY_PASSWORD}, {@code env.secret}), as the front end hands them over. Inside Jenkins
 * that is the step's own environment (so {@code withCredentials} reaches the deploy), cut down to
 * the names the config refers to, and never the agent's process environment, which every build
 * on that agent could read. Values of sensitive names (bound from credentials) are masked in every
 * line a deploy prints; {@link #toString} names no value.
 */
public final class DeployEnvironment implements Serializable {
    private static final long serialVersionUID = 1L;

    /** For calls that read no config. */
    public static final DeployEnvironment NONE = new DeployEnvironment(Map.of(), Set.of());

    private final Map<String, String> values;
    private final Set<String> sensitive;

    private DeployEnvironment(final Map<String, String> values, final Set<String> sensitive) {
        this.values = values;
        this.sensitive = sensitive;
    }

    /**
     * @param available every variable the front end could pass, e.g. a step's environment
     * @param sensitive the names among them whose values are secrets (bound from credentials)
     * @param referenced the names the config refers to ({@link DeployEngine#environmentNames}); only these are kept
     * @param machine the process environment of the machine the deploy runs on. A step's environment
     *     starts from it, but what it holds is readable by every build there, outside credential
     *     scoping and masking: a variable that still has the machine's value is left out, unless it
     *     is sensitive (then a credential binding set it, whatever the machine has).
     */
    public static DeployEnvironment of(final Map<String, String> available, final Collection<String> sensitive,
                                       final Collection<String> referenced, final Map<String, String> machine) {
        var kept = new TreeMap<String, String>();
        for (String name : referenced) {
            var value = available.get(name);
            if (value != null && (sensitive.contains(name) || !value.equals(machine.get(name)))) {
                kept.put(name, value);
            }
        }
        var secret = new TreeSet<>(sensitive);
        secret.retainAll(kept.keySet());
        return new DeployEnvironment(Map.copyOf(kept), Set.copyOf(secret));
    }

    /** The value of {@code name}, or {@code null} when it was not handed over. */
    public String get(final String name) {
        return values.get(name);
    }

    /** The values no output may show. */
    public List<String> secrets() {
        return sensitive.stream().map(values::get).filter(Objects::nonNull).toList();
    }

    @Override
    public String toString() {
        return "DeployEnvironment" + new TreeSet<>(values.keySet());
    }
}
