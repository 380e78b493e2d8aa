package io.jenkins.plugins.bluegreen.engine;

import java.util.Locale;

/** A step parameter that names one of an enum's constants, in any case; blank means the default. */
public final class ParameterChoice {
    private ParameterChoice() {
    }

    /**
     * @param expected the choices as the error names them, e.g. {@code 'wait' (...) or 'fail' (...)}
     * @throws InvalidInputException naming the parameter, the choices and what was found
     */
    public static <E extends Enum<E>> E parse(final Class<E> type, final String parameter, final String value,
                                              final E fallback, final String expected) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        for (E choice : type.getEnumConstants()) {
            if (choice.name().equalsIgnoreCase(value.strip())) {
                return choice;
            }
        }
        throw new InvalidInputException(parameter + ": expected " + expected + ", got '" + value + "'");
    }

    /** The name a step takes and gives back for {@code choice}. */
    public static String name(final Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }
}
