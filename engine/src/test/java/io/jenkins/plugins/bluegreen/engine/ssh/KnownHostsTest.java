package io.jenkins.plugins.bluegreen.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class KnownHostsTest {
    private static final byte[] KEY_A = blob("ssh-ed25519", 1);
    private static final byte[] KEY_B = blob("ssh-ed25519", 2);

    private static byte[] blob(final String type, final int fill) {
        var name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var buf = java.nio.ByteBuffer.allocate(4 + name.length + 4 + 32);
        buf.putInt(name.length).put(name).putInt(32);
        for (int i = 0; i < 32; i++) {
            buf.put((byte) fill);
        }
        return buf.array();
    }

    private static String line(final String hosts, final byte[] key) {
        return hosts + " ssh-ed25519 " + Base64.getEncoder().encodeToString(key);
    }

    @Test
    void shouldNameHostsOnOtherPortsInBrackets() {
        var known = KnownHosts.parse(line("[web-1]:2222", KEY_A));
        assertThat(known.check("web-1", 2222, KEY_A)).isEqualTo(KnownHosts.Verdict.TRUSTED);
        assertThat(known.check("web-1", 22, KEY_A)).isEqualTo(KnownHosts.Verdict.UNKNOWN);
    }

    @Test
    void shouldMatchWildcardsCommaListsAndNegations() {
        var known = KnownHosts.parse(line("web-*.internal,!web-9.internal,db", KEY_A));
        assertThat(known.check("web-1.internal", 22, KEY_A)).isEqualTo(KnownHosts.Verdict.TRUSTED);
        assertThat(known.check("db", 22, KEY_A)).isEqualTo(KnownHosts.Verdict.TRUSTED);
        assertThat(known.check("web-9.internal", 22, KEY_A)).isEqualTo(KnownHosts.Verdict.UNKNOWN);
    }

    @Test
    void shouldCallADifferentKeyForAListedHostChanged() {
        var known = KnownHosts.parse("# comment\n\n" + line("web-1", KEY_A));
        assertThat(known.check("web-1", 22, KEY_B)).isEqualTo(KnownHosts.Verdict.CHANGED);
    }

    @Test
    void shouldRefuseRevokedKeysForEveryHostAndIgnoreCertificateAuthorities() {
        var known = KnownHosts.parse(line("web-1", KEY_A) + "\n@revoked " + line("*", KEY_A) + "\n@cert-authority "
                + line("*", KEY_B));
        assertThat(known.check("web-1", 22, KEY_A)).isEqualTo(KnownHosts.Verdict.REVOKED);
        assertThat(known.check("web-2", 22, KEY_B)).isEqualTo(KnownHosts.Verdict.UNKNOWN);
    }

    @Test
    void shouldNameTheLineOfAMalformedEntry() {
        assertThatThrownBy(() -> KnownHosts.parse(line("web-1", KEY_A) + "\nweb-2 ssh-ed25519"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("known_hosts line 2: expected '[@marker] hosts key-type base64-key', got 2 field(s)");
        assertThatThrownBy(() -> KnownHosts.parse("web-2 ssh-ed25519 !!!"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("known_hosts line 1: expected a base64 key after 'ssh-ed25519', got text that is not base64");
    }

    @Test
    void shouldShowFingerprintsAsOpenSshDoes() {
        // ssh-keygen -lf prints SHA256: and unpadded base64 of the SHA-256 of the key blob.
        var key = new PublicKey(KEY_A);
        assertThat(key.fingerprint()).startsWith("SHA256:").doesNotEndWith("=").hasSize(7 + 43);
        assertThat(key.type()).isEqualTo("ssh-ed25519");
    }
}
