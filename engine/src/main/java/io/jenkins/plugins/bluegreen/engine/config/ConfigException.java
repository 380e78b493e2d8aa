package io.jenkins.plugins.bluegreen.engine.config;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.util.List;

/**
 * Everything wrong with a config file, reported together: one problem a line, each naming the file,
 * line, setting, what was found and what was expected.
 */
public final class ConfigException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(final List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
