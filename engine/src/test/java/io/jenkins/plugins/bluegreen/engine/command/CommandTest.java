package io.jenkins.plugins.bluegreen.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandTest {
    @Test
    void shouldLeavePlainArgumentsBare() {
        assertThat(Command.of("docker", "run", "--name", "a2d2-web-green", "a2d2/app:v1.2.3").render())
                .isEqualTo("docker run --name a2d2-web-green a2d2/app:v1.2.3");
    }

    @Test
    void shouldQuoteEveryHostileArgument() {
        assertThat(Command.of("echo", "; rm -rf /", "$(id)", "`id`", "it's", "a\nb", "").render())
                .isEqualTo("echo '; rm -rf /' '$(id)' '`id`' 'it'\\''s' 'a\nb' ''");
    }

    @Test
    void shouldGroupComposedCommands() {
        var c = Command.of("mkdir", "/run/lock").and(Command.of("echo", "ok")).or(Command.of("echo", "held"));
        assertThat(c.render()).isEqualTo("{ mkdir /run/lock && echo ok; } || echo held");
    }
}
