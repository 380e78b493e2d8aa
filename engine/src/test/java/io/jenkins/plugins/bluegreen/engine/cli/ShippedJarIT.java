package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The jar itself: what Java reads from its manifest, and every command's help as users run it. */
class ShippedJarIT {
    @Test
    void shouldLetJavaLoadTheClassesItCarriesForJava11AndLater() throws IOException {
        try (var jar = new JarFile(ShippedJar.path().toFile())) {
            assertThat(jar.isMultiRelease()).as("Multi-Release: true in the manifest").isTrue();
            assertThat(jar.getEntry("META-INF/versions/11/com/jcraft/jsch/jce/XDH.class")).isNotNull();
        }
    }

    @ParameterizedTest(name = "java -jar bluegreen.jar {0} --help")
    @MethodSource("io.jenkins.plugins.bluegreen.engine.cli.CommandTree#commands")
    void shouldPrintTheUsageAndExitZero(final String command) {
        var run = ShippedJar.run(CommandTree.helpOf(command));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(("Usage: bluegreen " + command).strip());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldPrintItsVersion() {
        var run = ShippedJar.run("--version");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("bluegreen ");
    }
}
