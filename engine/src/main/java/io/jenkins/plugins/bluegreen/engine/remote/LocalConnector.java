package io.jenkins.plugins.bluegreen.engine.remote;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands with {@code /bin/sh -c} on this machine, under the same contract as SSH (streamed,
 * masked output; timeouts; stdin). For the demo and for tests that need no SSH: every "host" is
 * this machine, and a forwarded port is the port itself.
 */
public final class LocalConnector implements Connector {
    private final SecretMask mask;

    public LocalConnector(final SecretMask mask) {
        this.mask = mask;
    }

    @Override
    public Connection connect(final Host host) {
        return new LocalConnection(host);
    }

    private final class LocalConnection implements Connection {
        private final Host host;

        LocalConnection(final Host host) {
            this.host = host;
        }

        @Override
        public Host host() {
            return host;
        }

        @Override
        public CommandResult run(final Command command, final byte[] stdin, final OutputListener output,
                                 final Duration timeout) {
            var rendered = command.render();
            Process process;
            try {
                process = new ProcessBuilder("/bin/sh", "-c", rendered).start();
            }
            catch (IOException e) {
                throw new DeployFailedException(host + ": cannot start /bin/sh: " + e.getMessage());
            }
            return Execution.run(host, rendered, mask, stdin, output, timeout, new LocalProcess(process));
        }

        @Override
        public Tunnel forward(final int remotePort) {
            return new Tunnel() {
                @Override
                public int localPort() {
                    return remotePort;
                }

                @Override
                public void close() {
                    // Nothing was opened: the far host is this machine.
                }
            };
        }

        @Override
        public void close() {
            // Each command is its own process; there is no session to end.
        }
    }

    private record LocalProcess(Process process) implements RunningCommand {
        @Override
        public OutputStream stdin() {
            return process.getOutputStream();
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public InputStream stderr() {
            return process.getErrorStream();
        }

        @Override
        public boolean awaitExit(final long millis) throws InterruptedException {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public int exitCode() {
            return process.exitValue();
        }

        @Override
        public String lostReason() {
            return null;
        }

        @Override
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
