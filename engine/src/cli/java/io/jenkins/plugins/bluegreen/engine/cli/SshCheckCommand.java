package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.remote.BootLimit;
import io.jenkins.plugins.bluegreen.engine.remote.Connections;
import io.jenkins.plugins.bluegreen.engine.remote.FanOut;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import io.jenkins.plugins.bluegreen.engine.remote.OutputListener;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import io.jenkins.plugins.bluegreen.engine.ssh.SshConnector;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bluegreen ssh-check}: logs in to every host the way a deploy would (same keys, same
 * known_hosts, same bastion) and prints one line per host, so an admin can prove the setup before
 * the first deploy. Exit 0 when every host answered, 1 when one did not, 2 for bad options.
 */
@CommandLine.Command(name = "ssh-check", mixinStandardHelpOptions = true,
        description = "Connect to each HOST over SSH as a deploy would and report which ones answer.")
public final class SshCheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "HOST", description = "host, host:port or [v6-address]:port")
    private List<String> hosts;

    @Option(names = "--user", defaultValue = "root", description = "SSH user (default: ${DEFAULT-VALUE})")
    private String user;

    @Option(names = "--port", defaultValue = "22", description = "SSH port of hosts that name none (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--proxy", paramLabel = "[USER@]HOST[:PORT]", description = "jump host, as ssh.proxy in deploy.yml")
    private String proxy;

    @Option(names = "--limit", defaultValue = "10", description = "hosts checked at once: a number or a percentage (default: ${DEFAULT-VALUE})")
    private String limit;

    @Mixin
    private HostAccess access;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        try {
            var connector = new SshConnector(access.settings(user, port, proxy), SecretMask.none(),
                    e -> err.println(e.line()));
            var targets = hosts.stream().map(Host::parse).toList();
            try (var connections = new Connections(connector)) {
                var report = new FanOut(connections, BootLimit.parse(limit), Duration.ZERO, FanOut.Mode.COLLECT_ALL)
                        .run(targets, c -> c.run(Command.of("true"), OutputListener.discard(), Duration.ofSeconds(30)));
                spec.commandLine().getOut().println(report.render());
                report.failures().stream().filter(f -> f.reason().contains("\n"))
                        .forEach(f -> err.println("\n" + f.reason()));
                return report.ok() ? 0 : 1;
            }
        }
        catch (InvalidInputException e) {
            err.println(e.getMessage());
            return 2;
        }
        catch (DeployFailedException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
