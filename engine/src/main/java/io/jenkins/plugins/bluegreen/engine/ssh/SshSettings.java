package io.jenkins.plugins.bluegreen.engine.ssh;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach hosts over SSH (Kamal's {@code ssh:} section plus what Jenkins credentials supply).
 *
 * @param user who logs in on every host
 * @param port the SSH port for hosts that name none
 * @param proxy the jump host every connection goes through, or {@code null}
 * @param connectTimeout for TCP connect plus the SSH handshake and login
 * @param commandTimeout for a command when the caller gives none
 * @param keepAlive how often an idle connection is probed (ServerAliveInterval); three missed probes end it
 * @param keys tried in order
 * @param password {@code null} unless password login is wanted; keys are tried first
 * @param knownHosts the content of a known_hosts file: the only host keys trusted
 * @param verifyHostKeys {@code false} turns host key checking off, loudly, on every connection
 */
public record SshSettings(String user, int port, JumpHost proxy, Duration connectTimeout, Duration commandTimeout,
                          Duration keepAlive, List<SshKey> keys, String password, String knownHosts,
                          boolean verifyHostKeys) {
    public static final int DEFAULT_PORT = 22;

    public SshSettings {
        if (user == null || user.isBlank()) {
            throw new InvalidInputException("ssh.user: expected a user name, got an empty value");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("ssh.port: expected a port from 1 to 65535, got " + port);
        }
        positive("ssh.connect_timeout", connectTimeout);
        positive("ssh.command_timeout", commandTimeout);
        positive("ssh.keepalive", keepAlive);
        keys = List.copyOf(keys == null ? List.of() : keys);
        if (keys.isEmpty() && password == null) {
            throw new InvalidInputException("ssh: expected at least one private key (or a password), got none");
        }
        if (verifyHostKeys && (knownHosts == null || knownHosts.isBlank())) {
            throw new InvalidInputException("ssh.known_hosts: expected the known_hosts lines of the hosts "
                    + "(collect them with ssh-keyscan), got nothing; host keys are verified unless turned off");
        }
        knownHosts = knownHosts == null ? "" : knownHosts;
    }

    private static void positive(final String key, final Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInputException(key + ": expected a positive duration, got " + d);
        }
    }

    /** Key login as {@code user} on port 22, verifying host keys against {@code knownHosts}. */
    public static SshSettings of(final String user, final List<SshKey> keys, final String knownHosts) {
        return new SshSettings(user, DEFAULT_PORT, null, Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofSeconds(30), keys, null, knownHosts, true);
    }

    public SshSettings withPort(final int newPort) {
        return new SshSettings(user, newPort, proxy, connectTimeout, commandTimeout, keepAlive, keys, password,
                knownHosts, verifyHostKeys);
    }

    public SshSettings withProxy(final JumpHost newProxy) {
        return new SshSettings(user, port, newProxy, connectTimeout, commandTimeout, keepAlive, keys, password,
                knownHosts, verifyHostKeys);
    }

    public SshSettings withTimeouts(final Duration connect, final Duration command) {
        return new SshSettings(user, port, proxy, connect, command, keepAlive, keys, password, knownHosts,
                verifyHostKeys);
    }

    public SshSettings withKeepAlive(final Duration interval) {
        return new SshSettings(user, port, proxy, connectTimeout, commandTimeout, interval, keys, password, knownHosts,
                verifyHostKeys);
    }

    public SshSettings withKeys(final List<SshKey> newKeys) {
        return new SshSettings(user, port, proxy, connectTimeout, commandTimeout, keepAlive, newKeys, password,
                knownHosts, verifyHostKeys);
    }

    public SshSettings withKnownHosts(final String newKnownHosts) {
        return new SshSettings(user, port, proxy, connectTimeout, commandTimeout, keepAlive, keys, password,
                newKnownHosts, verifyHostKeys);
    }

    public SshSettings withPassword(final String newPassword) {
        return new SshSettings(user, port, proxy, connectTimeout, commandTimeout, keepAlive, keys, newPassword,
                knownHosts, verifyHostKeys);
    }

    /** Host keys accepted unchecked: every connection then says so in a WARNING event. */
    public SshSettings withoutHostKeyVerification() {
        return new SshSettings(user, port, proxy, connectTimeout, commandTimeout, keepAlive, keys, password,
                knownHosts, false);
    }

    /** The values a log must never show: the password and key passphrases. */
    List<String> secretValues() {
        var out = new ArrayList<String>();
        if (password != null) {
            out.add(password);
        }
        keys.stream().filter(k -> k.passphrase() != null)
                .forEach(k -> out.add(new String(k.passphrase(), java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }

    /** Without the password: settings may be logged. */
    @Override
    public String toString() {
        return "SshSettings[user=" + user + ", port=" + port + ", proxy=" + proxy + ", keys=" + keys
                + ", password=" + (password == null ? "none" : "****") + ", verifyHostKeys=" + verifyHostKeys + "]";
    }
}
