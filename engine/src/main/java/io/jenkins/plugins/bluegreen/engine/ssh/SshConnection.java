package io.jenkins.plugins.bluegreen.engine.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.CommandResult;
import io.jenkins.plugins.bluegreen.engine.remote.Connection;
import io.jenkins.plugins.bluegreen.engine.remote.Execution;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.remote.RunningCommand;
import io.jenkins.plugins.bluegreen.engine.remote.Tunnel;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** One SSH session to one host; every command is an exec channel multiplexed on it. */
final class SshConnection implements Connection {
    private final Host host;
    private final Session session;
    private final Session bastion;
    private final SecretMask mask;
    private final SshSettings settings;

    SshConnection(final Host host, final Session session, final Session bastion, final SecretMask mask,
                  final SshSettings settings) {
        this.host = host;
        this.session = session;
        this.bastion = bastion;
        this.mask = mask;
        this.settings = settings;
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public CommandResult run(final Command command, final byte[] stdin, final OutputListener output,
                             final Duration timeout) {
        var rendered = command.render();
        ChannelExec channel;
        ExecChannel running;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(rendered);
            running = new ExecChannel(channel, channel.getOutputStream(), channel.getInputStream(),
                    channel.getExtInputStream());
            // Without a timeout JSch sends the exec request without waiting for the server's
            // reply, which it would poll for in 10 ms sleeps: that wait was most of the cost of a
            // command. sshd refuses an exec request only when it cannot start a session at all; the
            // command timeout still ends such a run.
            channel.connect();
        }
        catch (JSchException | IOException e) {
            throw new DeployFailedException(host + ": cannot start `" + mask.apply(rendered) + "`: "
                    + (session.isConnected() ? mask.apply(e.getMessage()) : "the connection to the host was lost"));
        }
        return Execution.run(host, rendered, mask, stdin, output,
                timeout == null ? settings.commandTimeout() : timeout, running);
    }

    @Override
    public Tunnel forward(final int remotePort) {
        final int local;
        try {
            local = session.setPortForwardingL("127.0.0.1", 0, "127.0.0.1", remotePort);
        }
        catch (JSchException e) {
            throw new DeployFailedException(host + ": cannot forward a local port to port " + remotePort
                    + " on the host: " + mask.apply(e.getMessage()));
        }
        return new Tunnel() {
            @Override
            public int localPort() {
                return local;
            }

            @Override
            public void close() {
                try {
                    session.delPortForwardingL("127.0.0.1", local);
                }
                catch (JSchException e) {
                    // Already gone with the session.
                }
            }
        };
    }

    @Override
    public void close() {
        session.disconnect();
        if (bastion != null) {
            bastion.disconnect();
        }
    }

    private final class ExecChannel implements RunningCommand {
        private final ChannelExec channel;
        private final OutputStream stdin;
        private final InputStream stdout;
        private final InputStream stderr;

        ExecChannel(final ChannelExec channel, final OutputStream stdin, final InputStream stdout,
                    final InputStream stderr) {
            this.channel = channel;
            this.stdin = stdin;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public OutputStream stdin() {
            return stdin;
        }

        @Override
        public InputStream stdout() {
            return stdout;
        }

        @Override
        public InputStream stderr() {
            return stderr;
        }

        @Override
        public boolean awaitExit(final long millis) throws InterruptedException {
            // The exit status arrives just before the channel closes; stdout has already ended, so
            // this loop is short and starts with short naps to keep per-command overhead low.
            long deadline = System.nanoTime() + millis * 1_000_000;
            long nap = 1;
            while (!channel.isClosed() && session.isConnected()) {
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                Thread.sleep(nap);
                nap = Math.min(nap * 2, 50);
            }
            return true;
        }

        @Override
        public int exitCode() {
            return channel.getExitStatus();
        }

        @Override
        public String lostReason() {
            if (channel.getExitStatus() != -1) {
                return null;
            }
            return sessionSurvives()
                    ? "ended without an exit status (killed by a signal on the host)"
                    : "did not finish: the connection to the host was lost";
        }

        /**
         * JSch closes a dying session's channels before it marks the session disconnected, so a
         * channel that just ended without a status may belong to a session about to go down.
         */
        private boolean sessionSurvives() {
            for (int i = 0; i < 40 && session.isConnected(); i++) {
                try {
                    Thread.sleep(5);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return session.isConnected();
        }

        @Override
        public void kill() {
            try {
                channel.sendSignal("KILL");
            }
            catch (Exception e) {
                // The channel or the connection is already gone; disconnecting is all that is left.
            }
            channel.disconnect();
        }
    }
}
