package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.Ssh;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.ssh.JumpHost;
import io.jenkins.plugins.bluegreen.engine.ssh.SshConnector;
import io.jenkins.plugins.bluegreen.engine.ssh.SshKey;
import io.jenkins.plugins.bluegreen.engine.ssh.SshSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * How the CLI reaches hosts: the key, its passphrase and known_hosts, shared by every command that
 * connects (a picocli mixin). Key material may come from a file or from {@value #KEY_ENV}, so a CI
 * job never has to write it to disk; a passphrase only ever comes from the environment.
 */
public final class HostAccess {
    static final String KEY_ENV = "BLUEGREEN_SSH_KEY";

    @Option(names = {"-i", "--identity"}, paramLabel = "FILE",
            description = "private key file (RSA, ECDSA, Ed25519); default: the key text in $" + KEY_ENV)
    private Path identity;

    @Option(names = "--passphrase-env", paramLabel = "VAR",
            description = "environment variable holding the key's passphrase (never give it on the command line)")
    private String passphraseEnv;

    @Option(names = "--known-hosts", paramLabel = "FILE", defaultValue = "${sys:user.home}/.ssh/known_hosts",
            description = "known_hosts file with the hosts' keys (default: ${DEFAULT-VALUE})")
    private Path knownHosts;

    @Option(names = "--connect-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "(default: ${DEFAULT-VALUE})")
    private int connectTimeout;

    /** Settings for {@code user} on {@code port}, through {@code proxy} when given. */
    public SshSettings settings(final String user, final int port, final String proxy) {
        var passphrase = passphraseEnv == null ? null : System.getenv(passphraseEnv);
        if (passphraseEnv != null && passphrase == null) {
            throw new InvalidInputException("--passphrase-env " + passphraseEnv + ": expected an environment variable"
                    + " holding the passphrase, got no such variable");
        }
        var key = SshKey.of(keyName(), keyMaterial(), passphrase);
        var base = SshSettings.of(user, List.of(key), read("--known-hosts", knownHosts)).withPort(port);
        var settings = base.withTimeouts(Duration.ofSeconds(connectTimeout), base.commandTimeout());
        return proxy == null ? settings : settings.withProxy(JumpHost.parse(proxy));
    }

    /** A connector for the hosts of a deploy config, as its {@code ssh} section describes them. */
    public SshConnector connector(final Ssh ssh, final SecretMask mask, final EventSink events) {
        return new SshConnector(settings(ssh.user(), ssh.port(), ssh.proxy().orElse(null)), mask, events);
    }

    private String keyName() {
        return identity != null ? identity.toString() : "$" + KEY_ENV;
    }

    private String keyMaterial() {
        if (identity != null) {
            return read("--identity", identity);
        }
        var text = System.getenv(KEY_ENV);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("--identity: expected a private key file, or the key text in $" + KEY_ENV
                    + ", got neither");
        }
        return text;
    }

    private static String read(final String option, final Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new InvalidInputException(option + " " + file + ": expected a readable file, got "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }
}
