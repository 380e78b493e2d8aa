package io.jenkins.plugins.bluegreen.engine.api;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.WorkspaceFile;

import java.util.regex.Pattern;

/**
 * The rules every request shares for the values a pipeline author types, so a step parameter and a
 * CLI option are refused with the same words.
 */
final class Check {
    /** Kamal destinations become file names ({@code config/deploy.<destination>.yml}). */
    private static final Pattern DESTINATION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    /** A release version is an image tag, so it follows the registry's tag grammar. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    static final String DEFAULT_CONFIG_FILE = "config/deploy.yml";

    private Check() {
    }

    /** The config file, relative to the workspace; blank means {@value #DEFAULT_CONFIG_FILE}. */
    static String configFile(final String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_CONFIG_FILE;
        }
        return WorkspaceFile.relative("configFile", value, DEFAULT_CONFIG_FILE);
    }

    /** The destination, or {@code null} for the base config. */
    static String destination(final String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!DESTINATION.matcher(value).matches()) {
            throw new InvalidInputException("destination: expected a name of lower-case letters, digits, '-' or '_'"
                    + " (it names config/deploy.<destination>.yml), got '" + value + "'");
        }
        return value;
    }

    /** A required release version. */
    static String version(final String parameter, final String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(parameter + ": expected a release version (the image tag, e.g. a commit"
                    + " id or v1.2.3), got nothing");
        }
        return optionalVersion(parameter, value);
    }

    /** A version that may be left out ({@code null}). */
    static String optionalVersion(final String parameter, final String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!VERSION.matcher(value).matches()) {
            throw new InvalidInputException(parameter + ": expected an image tag (letters, digits, '_', '.' or '-',"
                    + " at most 128, not starting with '.' or '-'), got '" + value + "'");
        }
        return value;
    }

    static String notBlank(final String parameter, final String value, final String expected) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(parameter + ": expected " + expected + ", got nothing");
        }
        return value.strip();
    }

    static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
