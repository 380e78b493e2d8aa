package io.jenkins.plugins.bluegreen.engine.testbed;

import io.jenkins.plugins.bluegreen.engine.ssh.SshKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * The login keys of this test run, made once per JVM by the real ssh-keygen (RSA keys take a
 * while), in every type we support plus an encrypted one. Every simulated host authorizes all.
 */
final class UserKeys {
    private static UserKeys instance;

    private final Map<TestBed.KeyType, SshKey> keys = new EnumMap<>(TestBed.KeyType.class);
    private final SshKey encrypted;
    private final String passphrase = "pass-" + UUID.randomUUID();
    private final String authorizedKeys;

    private UserKeys(final Path dir) throws IOException, InterruptedException {
        var authorized = new StringBuilder();
        for (TestBed.KeyType type : TestBed.KeyType.values()) {
            var file = dir.resolve("id_" + type.name().toLowerCase(java.util.Locale.ROOT));
            keygen(file, type.name().toLowerCase(java.util.Locale.ROOT), "");
            keys.put(type, SshKey.of("test-" + type.name().toLowerCase(java.util.Locale.ROOT), Files.readString(file), null));
            authorized.append(Files.readString(Path.of(file + ".pub")));
        }
        var file = dir.resolve("id_encrypted");
        keygen(file, "ed25519", passphrase);
        encrypted = SshKey.of("test-encrypted", Files.readString(file), passphrase);
        authorized.append(Files.readString(Path.of(file + ".pub")));
        authorizedKeys = authorized.toString();
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.delete(dir);
    }

    static synchronized UserKeys get() {
        if (instance == null) {
            try {
                instance = new UserKeys(Files.createTempDirectory("bluegreen-keys-"));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    static void keygen(final Path file, final String type, final String passphrase)
            throws IOException, InterruptedException {
        var keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "bluegreen-test",
                "-f", file.toString()).redirectErrorStream(true).start();
        var out = new String(keygen.getInputStream().readAllBytes());
        if (keygen.waitFor() != 0) {
            throw new IOException("ssh-keygen -t " + type + " failed: " + out);
        }
    }

    SshKey key(final TestBed.KeyType type) {
        return keys.get(type);
    }

    SshKey encrypted() {
        return encrypted;
    }

    String passphrase() {
        return passphrase;
    }

    String authorizedKeys() {
        return authorizedKeys;
    }
}
