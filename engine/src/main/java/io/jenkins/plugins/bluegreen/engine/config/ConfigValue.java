package io.jenkins.plugins.bluegreen.engine.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * A value as the config gives it: written out in the file ({@link Literal}) or named as an
 * environment reference ({@link SecretRef}) and looked up only when a deploy needs it.
 */
public sealed interface ConfigValue permits ConfigValue.Literal, SecretRef {
    /** The value itself; a reference is looked up in {@code env}. */
    String resolve(Function<String, String> env);

    /** What may be shown to people: the literal text, or {@code $NAME} for a reference. */
    String display();

    /** Reads {@code $NAME} and {@code ${NAME}} as references and anything else as literal text. */
    static ConfigValue of(final String text) {
        return SecretRef.parse(text).<ConfigValue>map(ref -> ref).orElseGet(() -> new Literal(text));
    }

    /** Text written in the config file. */
    record Literal(String text) implements ConfigValue {
        public Literal {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String resolve(final Function<String, String> env) {
            return text;
        }

        @Override
        public String display() {
            return text;
        }
    }
}
