package io.jenkins.plugins.bluegreen.engine.config;

import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A config as loaded: the settings, the warnings to show the user, and the environment its
 * references are resolved in.
 */
public record LoadedConfig(DeployConfig config, List<String> warnings, Function<String, String> env) {
    public LoadedConfig {
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(env, "env");
    }

    /** The value of a reference, from the environment the config was loaded with. */
    public String resolve(final ConfigValue value) {
        return value.resolve(env);
    }

    /** A mask hiding every secret value the config refers to, for all output of a deploy. */
    public SecretMask secretMask() {
        var values = new ArrayList<String>();
        config.secrets().forEach(secret -> {
            var value = secret instanceof SecretRef ref ? env.apply(ref.name()) : secret.display();
            if (value != null) {
                values.add(value);
            }
        });
        return SecretMask.of(values);
    }
}
