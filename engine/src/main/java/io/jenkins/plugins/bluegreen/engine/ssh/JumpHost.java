package io.jenkins.plugins.bluegreen.engine.ssh;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

/**
 * The bastion every connection goes through (Kamal's {@code ssh.proxy}: {@code root@bastion:22});
 * the same keys and known_hosts apply to it as to the hosts behind it.
 *
 * @param user {@code null} to log in to the bastion as the configured SSH user
 */
public record JumpHost(String user, Host host) {
    /** Parses {@code [user@]host[:port]}. */
    public static JumpHost parse(final String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("ssh.proxy: expected [user@]host[:port], got an empty value");
        }
        var t = text.strip();
        int at = t.lastIndexOf('@');
        if (at == 0) {
            throw new InvalidInputException("ssh.proxy: expected [user@]host[:port], got '" + text + "' (no user before '@')");
        }
        return new JumpHost(at < 0 ? null : t.substring(0, at), Host.parse(t.substring(at + 1)));
    }

    @Override
    public String toString() {
        return (user == null ? "" : user + "@") + host;
    }
}
