package io.jenkins.plugins.bluegreen.engine.ssh;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A private key held in memory only (from a Jenkins credential or an environment variable); it is
 * never written to disk. RSA, ECDSA and Ed25519 in OpenSSH or PEM format, optionally encrypted.
 *
 * @param name where the key came from (a credential id), used in messages
 * @param passphrase {@code null} for an unencrypted key
 */
public record SshKey(String name, byte[] privateKey, byte[] passphrase) {
    public SshKey {
        if (privateKey == null || privateKey.length == 0) {
            throw new InvalidInputException("ssh key " + name + ": expected private key material, got nothing");
        }
        privateKey = privateKey.clone();
        passphrase = passphrase == null ? null : passphrase.clone();
    }

    public static SshKey of(final String name, final String privateKey, final String passphrase) {
        return new SshKey(name, privateKey == null ? null : privateKey.getBytes(StandardCharsets.UTF_8),
                passphrase == null ? null : passphrase.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public byte[] passphrase() {
        return passphrase == null ? null : passphrase.clone();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof SshKey k && k.name.equals(name) && Arrays.equals(k.privateKey, privateKey)
                && Arrays.equals(k.passphrase, passphrase);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** Only the name: key material must not reach a log through a toString. */
    @Override
    public String toString() {
        return "SshKey[" + name + (passphrase == null ? "" : ", encrypted") + "]";
    }
}
