package io.jenkins.plugins.bluegreen.engine.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;

import java.util.ArrayList;
import java.util.stream.Collectors;

/**
 * Verifies the key one host offers during one handshake against {@link KnownHosts}, and remembers
 * what it saw so a refusal can explain itself (JSch's own message says neither key nor remedy).
 * It never adds keys: trust comes only from the known_hosts content the admin supplied.
 */
final class HostKeyCheck implements HostKeyRepository {
    private final KnownHosts knownHosts;
    private final String host;
    private final int port;
    private final boolean enforce;
    private PublicKey offered;
    private KnownHosts.Verdict verdict;

    /** @param enforce {@code false} accepts any key (verification turned off) but still records the verdict */
    HostKeyCheck(final KnownHosts knownHosts, final String host, final int port, final boolean enforce) {
        this.knownHosts = knownHosts;
        this.host = host;
        this.port = port;
        this.enforce = enforce;
    }

    @Override
    public int check(final String jschHost, final byte[] key) {
        offered = new PublicKey(key);
        verdict = knownHosts.check(host, port, key);
        if (!enforce) {
            return OK;
        }
        return switch (verdict) {
            case TRUSTED -> OK;
            case UNKNOWN -> NOT_INCLUDED;
            case CHANGED, REVOKED -> CHANGED;
        };
    }

    /** True once the server offered a key that known_hosts does not trust. */
    boolean refused() {
        return verdict != null && verdict != KnownHosts.Verdict.TRUSTED;
    }

    /** What an unchecked connection accepted, for the warning that verification is off. */
    String accepted() {
        return offered + " (known_hosts: " + verdict.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /** The refusal as an admin needs it: the offered key, why it is not trusted, how to trust it. */
    DeployFailedException refusal(final String where) {
        var scan = "ssh-keyscan" + (port == SshSettings.DEFAULT_PORT ? "" : " -p " + port) + " " + host;
        var line = offered.knownHostsLine(host, port);
        var head = where + ": host key of " + KnownHosts.hostPattern(host, port) + " is not trusted: it offered "
                + offered.type() + " key " + offered.fingerprint();
        return new DeployFailedException(switch (verdict) {
            case UNKNOWN -> head + ", which known_hosts does not list. Compare the fingerprint with the one the"
                    + " host shows (ssh-keygen -lf /etc/ssh/ssh_host_" + shortType() + "_key.pub), then add to"
                    + " known_hosts:\n  " + line + "\n(or collect the host's keys with `" + scan + "`)";
            case CHANGED -> head + ", but known_hosts lists " + listed() + " for it. The host was reinstalled"
                    + " or someone is intercepting the connection; connection refused. If the host really has"
                    + " a new key, replace its known_hosts line with:\n  " + line;
            case REVOKED -> head + ", which known_hosts marks @revoked; connection refused. Give the host a"
                    + " new host key and add that key to known_hosts.";
            case TRUSTED -> throw new IllegalStateException("a trusted key is not refused");
        });
    }

    private String shortType() {
        var t = offered.type();
        return t.startsWith("ecdsa") ? "ecdsa" : t.replace("ssh-", "");
    }

    private String listed() {
        return knownHosts.keysFor(host, port).stream().map(PublicKey::toString)
                .collect(Collectors.joining(", "));
    }

    @Override
    public void add(final HostKey hostkey, final UserInfo ui) {
        // Trust is never learned on the fly.
    }

    @Override
    public void remove(final String h, final String type) {
        // known_hosts content belongs to the admin.
    }

    @Override
    public void remove(final String h, final String type, final byte[] key) {
        // known_hosts content belongs to the admin.
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return "known_hosts";
    }

    @Override
    public HostKey[] getHostKey() {
        return getHostKey(host, null);
    }

    /** Lets JSch prefer the key types known_hosts lists for this host, as OpenSSH does. */
    @Override
    public HostKey[] getHostKey(final String h, final String type) {
        var out = new ArrayList<HostKey>();
        for (PublicKey k : knownHosts.keysFor(host, port)) {
            if (type == null || type.equals(k.type())) {
                try {
                    out.add(new HostKey(KnownHosts.hostPattern(host, port), k.blob()));
                }
                catch (JSchException e) {
                    // A key type JSch does not know cannot be preferred; it is still compared in check().
                }
            }
        }
        return out.toArray(new HostKey[0]);
    }
}
