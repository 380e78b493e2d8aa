package io.jenkins.plugins.bluegreen.engine;

/**
 * A mistake in what the user gave us (a config file, a step parameter, a CLI option). Its message
 * names where the mistake is, what was found and what was expected, and is shown on its own:
 * front ends print it without a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(final String message) {
        super(message);
    }
}
