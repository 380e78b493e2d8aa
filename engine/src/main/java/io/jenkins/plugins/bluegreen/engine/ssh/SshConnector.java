package io.jenkins.plugins.bluegreen.engine.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.event.Event;
import io.jenkins.plugins.bluegreen.engine.event.EventSink;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Connector;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Opens SSH connections with keys held in memory, host keys checked against the admin's
 * known_hosts content (failing closed), optionally through a jump host. Every message it produces
 * is masked with the secrets it was given plus the password and key passphrases.
 */
public final class SshConnector implements Connector {
    private final SshSettings settings;
    private final SecretMask mask;
    private final EventSink events;
    private final Phase phase;
    private final KnownHosts knownHosts;
    private final JSch jsch;

    public SshConnector(final SshSettings settings, final SecretMask mask, final EventSink events) {
        this(settings, mask.with(settings.secretValues()), events, Phase.BOOT, KnownHosts.parse(settings.knownHosts()),
                identities(settings));
    }

    private SshConnector(final SshSettings settings, final SecretMask mask, final EventSink events, final Phase phase,
                         final KnownHosts knownHosts, final JSch jsch) {
        this.settings = settings;
        this.mask = mask;
        this.events = events;
        this.phase = phase;
        this.knownHosts = knownHosts;
        this.jsch = jsch;
    }

    /** The same connector reporting its events (the unverified host key warning) under {@code newPhase}. */
    public SshConnector inPhase(final Phase newPhase) {
        return new SshConnector(settings, mask, events, newPhase, knownHosts, jsch);
    }

    private static JSch identities(final SshSettings settings) {
        var jsch = new JSch();
        for (SshKey key : settings.keys()) {
            try {
                var pair = KeyPair.load(jsch, key.privateKey(), null);
                try {
                    if (pair.isEncrypted() && key.passphrase() == null) {
                        throw new InvalidInputException("ssh key " + key.name()
                                + ": the key is encrypted; expected its passphrase, got none");
                    }
                    if (pair.isEncrypted() && !pair.decrypt(key.passphrase())) {
                        throw new InvalidInputException("ssh key " + key.name()
                                + ": the passphrase given does not decrypt the key");
                    }
                }
                finally {
                    pair.dispose();
                }
                jsch.addIdentity(key.name(), key.privateKey(), null, key.passphrase());
            }
            catch (JSchException e) {
                throw new InvalidInputException("ssh key " + key.name() + ": expected an RSA, ECDSA or Ed25519 "
                        + "private key in OpenSSH or PEM format, got something JSch cannot read");
            }
        }
        return jsch;
    }

    @Override
    public Connection connect(final Host host) {
        var target = host.withDefaultPort(settings.port());
        Session bastion = null;
        try {
            JumpProxy proxy = null;
            if (settings.proxy() != null) {
                var jump = settings.proxy();
                bastion = open(jump.host().withDefaultPort(settings.port()),
                        jump.user() == null ? settings.user() : jump.user(), null, "jump host " + jump + " for " + target);
                proxy = new JumpProxy(bastion);
            }
            var session = open(target, settings.user(), proxy, target.toString());
            return new SshConnection(target, session, bastion, mask, settings);
        }
        catch (RuntimeException e) {
            if (bastion != null) {
                bastion.disconnect();
            }
            throw e;
        }
    }

    private Session open(final Host host, final String user, final JumpProxy proxy, final String where) {
        var check = new HostKeyCheck(knownHosts, host.name(), host.port(), settings.verifyHostKeys());
        Session session;
        try {
            session = jsch.getSession(user, host.name(), host.port());
        }
        catch (JSchException e) {
            throw new DeployFailedException(where + ": " + mask.apply(e.getMessage()));
        }
        session.setHostKeyRepository(check);
        // JSch's algorithm probes (CheckCiphers, CheckMacs, CheckKexes, CheckSignatures) stay on. They try each
        // algorithm before proposing it and leave out what this JVM cannot load. Skipping them was measured with
        // the CLI jar against a local OpenSSH 9.2 on a busy 2-core machine, Ed25519 keys, 5 JVMs of 1 + 20
        // connects each: a reused connector connects in a median of 48-56 ms without the probes and 58-63 ms with
        // them, with 38-46 against 51-58 ms of this process's CPU; the first connect in a JVM takes 218-266
        // against 238-383 ms, and a whole `java -jar bluegreen.jar ssh-check` 0.9-2.5 against 1.5-2.5 s, lost in
        // the noise. The engine opens one connection per host per run, so that is about 10 ms per host against
        // deploys of seconds to minutes. The probes are what still connects when JSch's Java 11+ classes are
        // hidden (a jar without Multi-Release, a class loader that ignores META-INF/versions): JSch then
        // negotiates ECDH and an ECDSA or RSA host key instead of failing every connect with NoClassDefFoundError,
        // as the CLI jar once did (an Ed25519 user key is still refused then). The jar tests (*IT) still catch
        // such a jar: the test hosts' known_hosts lists only their Ed25519 key.
        session.setConfig("StrictHostKeyChecking", settings.verifyHostKeys() ? "yes" : "no");
        session.setConfig("PreferredAuthentications",
                settings.password() == null ? "publickey" : "publickey,keyboard-interactive,password");
        if (settings.password() != null) {
            session.setPassword(settings.password());
        }
        if (proxy != null) {
            session.setProxy(proxy);
        }
        try {
            session.setServerAliveInterval((int) settings.keepAlive().toMillis());
            session.setServerAliveCountMax(3);
            session.connect((int) settings.connectTimeout().toMillis());
        }
        catch (JSchException e) {
            session.disconnect();
            if (settings.verifyHostKeys() && check.refused()) {
                throw check.refusal(where);
            }
            throw new DeployFailedException(where + ": " + explain(e, user, host));
        }
        if (!settings.verifyHostKeys()) {
            events.accept(new Event(Instant.now(), phase, Event.Level.WARNING, host.toString(),
                    "host key verification is OFF: accepted " + check.accepted() + " without checking it;"
                            + " anyone on the network path could have answered instead of the host"));
        }
        return session;
    }

    private String explain(final JSchException e, final String user, final Host host) {
        var cause = e.getCause();
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "cannot connect to port " + host.port() + " (" + cause.getMessage()
                    + "); is sshd running there and the port right?";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host name '" + host.name() + "'";
        }
        var message = String.valueOf(e.getMessage());
        if (cause instanceof SocketTimeoutException || message.startsWith("timeout")) {
            return "no SSH answer within " + settings.connectTimeout().toSeconds() + "s (" + mask.apply(message) + ")";
        }
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            var keys = settings.keys().stream().map(SshKey::name).collect(Collectors.joining(", "));
            return "login as " + user + " refused: the host accepted none of the keys [" + keys + "]"
                    + (settings.password() == null ? "" : " nor the password")
                    + "; add the public key to ~" + user + "/.ssh/authorized_keys on the host";
        }
        return "SSH connection failed: " + mask.apply(message);
    }
}
