package io.jenkins.plugins.bluegreen.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What loading found wrong or noteworthy. Errors are collected rather than thrown one by one so a
 * user fixes a file in one round trip; Kamal settings we do not act on are gathered into one warning.
 */
final class Problems {
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> ignoredKamalKeys = new LinkedHashSet<>();

    void error(final String message) {
        if (!errors.contains(message)) {
            errors.add(message);
        }
    }

    void warning(final String message) {
        if (!warnings.contains(message)) {
            warnings.add(message);
        }
    }

    void ignoredKamalKey(final String path) {
        ignoredKamalKeys.add(path);
    }

    /** The warnings, with the ignored Kamal settings summed up in one line. */
    List<String> warnings(final String file) {
        var all = new ArrayList<String>();
        if (!ignoredKamalKeys.isEmpty()) {
            all.add(file + ": Kamal settings that blue-green deploys do not use (ignored): "
                    + String.join(", ", ignoredKamalKeys));
        }
        all.addAll(warnings);
        return List.copyOf(all);
    }

    /** Throws all collected errors at once, if there are any. */
    void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
