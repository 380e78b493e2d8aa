package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.testbed.TestBed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code java -jar bluegreen.jar ssh-check} reaches stock OpenSSH servers with every user key type we take. */
class ShippedJarSshCheckIT {
    @RegisterExtension
    static final TestBed BED = TestBed.hosts(2);

    @TempDir
    static Path dir;

    private static Path knownHosts;

    @BeforeAll
    static void writeKnownHosts() throws IOException {
        knownHosts = Files.writeString(dir.resolve("known_hosts"), BED.knownHosts());
    }

    @ParameterizedTest(name = "{0} key")
    @EnumSource(TestBed.KeyType.class)
    void shouldReachEveryHost(final TestBed.KeyType type) throws IOException {
        var key = Files.write(dir.resolve("id_" + type.name().toLowerCase(Locale.ROOT)), BED.key(type).privateKey());

        var run = ShippedJar.run(sshCheck(key));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        for (Host host : BED.hosts()) {
            assertThat(run.out().lines()).anySatisfy(line -> assertThat(line).startsWith(host + " ").contains(" ok "));
        }
    }

    @Test
    void shouldExplainAMissingKeyFileInOneLine() {
        var missing = dir.resolve("no-such-key");

        var run = ShippedJar.run(sshCheck(missing));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("--identity " + missing + ": expected a readable file").hasLineCount(1);
    }

    private static List<String> sshCheck(final Path key) {
        var args = new ArrayList<>(List.of("ssh-check", "-i", key.toString(), "--known-hosts", knownHosts.toString()));
        BED.hosts().forEach(h -> args.add(h.toString()));
        return args;
    }
}
