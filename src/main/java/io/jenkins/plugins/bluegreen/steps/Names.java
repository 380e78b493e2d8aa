package io.jenkins.plugins.bluegreen.steps;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** User ids and group names as admins and pipeline authors write them: comma separated, spaces ignored. */
final class Names {
    private Names() {}

    static Set<String> split(final String commaSeparated) {
        return commaSeparated == null ? Set.of() : Arrays.stream(commaSeparated.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
