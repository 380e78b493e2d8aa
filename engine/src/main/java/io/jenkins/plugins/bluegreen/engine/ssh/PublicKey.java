package io.jenkins.plugins.bluegreen.engine.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** An SSH public key as it travels in the protocol (the key blob), shown the way OpenSSH shows it. */
record PublicKey(byte[] blob) {
    /** The algorithm named inside the blob: {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ssh-rsa}. */
    String type() {
        try {
            var buf = ByteBuffer.wrap(blob);
            var name = new byte[buf.getInt()];
            buf.get(name);
            return new String(name, StandardCharsets.US_ASCII);
        }
        catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** {@code SHA256:} and the unpadded base64 of the digest, as {@code ssh-keygen -lf} prints it. */
    String fingerprint() {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String base64() {
        return Base64.getEncoder().encodeToString(blob);
    }

    /** The line that makes known_hosts trust this key for {@code host}. */
    String knownHostsLine(final String host, final int port) {
        return KnownHosts.hostPattern(host, port) + " " + type() + " " + base64();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PublicKey k && Arrays.equals(k.blob, blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return type() + " " + fingerprint();
    }
}
