package io.jenkins.plugins.bluegreen.engine.container;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.config.RunOption;
import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the container runtime commands of a deploy. It runs nothing: the orchestrator sends what
 * it builds over a {@code Connection}. Secret values never appear in a command; they reach the host
 * as the stdin of {@link #writeEnvFile} and the container through {@code --env-file}.
 *
 * @param runDir the directory on the host that holds env files, history and locks (e.g. {@code .bluegreen})
 */
public record ContainerCommands(ContainerRuntime runtime, String runDir) {
    private static final String RESTART = "restart";

    public ContainerCommands {
        if (runDir == null || runDir.isBlank()) {
            throw new InvalidInputException("run_directory: expected a directory on the host, got none");
        }
    }

    /**
     * Logs the host in to a private registry; the password is the command's stdin, so it never
     * shows in a process list, a shell history or a log of the command line.
     */
    public Command login(final String server, final String username) {
        return cli("login", server, "-u", username, "--password-stdin");
    }

    public Command pull(final String image) {
        return cli("pull", image);
    }

    /** Exits 0 when the image is in the host's local storage; docker has no {@code image exists}. */
    public Command imageExists(final String image) {
        return runtime == ContainerRuntime.PODMAN
                ? cli("image", "exists", image)
                : cli("image", "inspect", "--format", "{{.Id}}", image);
    }

    /** Where the secret env file of this container lives on the host. */
    public String envFile(final ContainerSpec spec) {
        return runDir + "/env/" + spec.containerName() + ".env";
    }

    /**
     * Writes the env file from stdin ({@link #envFileContent}) with mode 600: created under umask 077
     * as a fresh temporary file, then renamed, so no moment exists where others could read it.
     */
    public Command writeEnvFile(final ContainerSpec spec) {
        var file = envFile(spec);
        return Command.of("sh", "-c",
                "umask 077 && mkdir -p \"$1\" && rm -f \"$2.tmp\" && cat > \"$2.tmp\" && mv -f \"$2.tmp\" \"$2\"",
                "sh", runDir + "/env", file);
    }

    public Command removeEnvFile(final ContainerSpec spec) {
        return Command.of("rm", "-f", envFile(spec));
    }

    /**
     * The env file's content: {@code NAME=value} per line, read literally by docker and podman (no
     * quotes, no expansion). A value with a line break cannot be written that way and is refused.
     *
     * @param secrets value of each of {@code spec.secretEnv()}; other entries are ignored
     */
    public static byte[] envFileContent(final ContainerSpec spec, final Map<String, String> secrets) {
        var out = new StringBuilder();
        for (String name : spec.secretEnv()) {
            var value = secrets.get(name);
            if (value == null) {
                throw new InvalidInputException("env.secret: " + name + " has no value; expected it in the "
                        + "environment or secrets of the deploy");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new InvalidInputException("env.secret: the value of " + name + " contains a line break; "
                        + "an env file holds one line per variable");
            }
            out.append(name).append('=').append(value).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Starts the container detached under its slot name, labelled for the ledger. */
    public Command run(final ContainerSpec spec, final DeployStamp stamp) {
        // unless-stopped unless the role says otherwise, as in Kamal: a rebooted host brings back the color that
        // was running, not the one we stopped.
        var restart = spec.options().stream().filter(o -> o.name().equals(RESTART)).reduce((first, last) -> last)
                .flatMap(RunOption::value).orElse("unless-stopped");
        var a = new ArrayList<>(List.of("run", "--detach", "--restart", restart, "--name", spec.containerName()));
        var service = spec.service();
        label(a, ContainerLabels.SERVICE, service.name());
        if (service.destination() != null) {
            label(a, ContainerLabels.DESTINATION, service.destination());
        }
        label(a, ContainerLabels.ROLE, spec.role());
        label(a, ContainerLabels.COLOR, spec.color().label());
        label(a, ContainerLabels.VERSION, spec.version());
        label(a, ContainerLabels.DEPLOYED_AT, stamp.at().toString());
        label(a, ContainerLabels.DEPLOYED_BY, stamp.by());
        spec.labels().forEach((k, v) -> label(a, k, v));
        spec.env().forEach((k, v) -> a.addAll(List.of("--env", k + "=" + v)));
        if (!spec.secretEnv().isEmpty()) {
            a.addAll(List.of("--env-file", envFile(spec)));
        }
        spec.volumes().forEach(v -> a.addAll(List.of("--volume", v)));
        options(a, spec);
        if (spec.hostPort() != ContainerSpec.NO_PORT) {
            var bind = spec.publishAllInterfaces() ? "" : "127.0.0.1:";
            a.addAll(List.of("--publish", bind + spec.hostPort() + ":" + spec.appPort()));
        }
        a.add(spec.image());
        a.addAll(spec.cmd());
        return cli(a);
    }

    /**
     * Runs {@code script} once with {@code sh -c} in a throw-away container of {@code spec}'s image,
     * attached so its output streams back and its exit status is the command's: the same env, env
     * file, volumes and options as the app, but no ports, no restart policy and no ledger labels, so nothing
     * mistakes it for a color. Named {@code <service>-<purpose>}: a second run of the same purpose on
     * the host is refused by the runtime while the first still runs.
     */
    public Command runOnce(final ContainerSpec spec, final String purpose, final String script) {
        var a = new ArrayList<>(List.of("run", "--rm", "--name", spec.service().qualified() + "-" + purpose));
        spec.env().forEach((k, v) -> a.addAll(List.of("--env", k + "=" + v)));
        if (!spec.secretEnv().isEmpty()) {
            a.addAll(List.of("--env-file", envFile(spec)));
        }
        spec.volumes().forEach(v -> a.addAll(List.of("--volume", v)));
        options(a, spec);
        a.addAll(List.of(spec.image(), "sh", "-c", script));
        return cli(a);
    }

    /** Stops with SIGTERM, giving the app {@code drain} to finish in-flight requests before SIGKILL. */
    public Command stop(final String container, final Duration drain) {
        return cli("stop", runtime.stopTimeoutFlag(), Long.toString(drain.toSeconds()), container);
    }

    /** Starts a stopped container again as it was created: how a warm rollback brings a worker back. */
    public Command start(final String container) {
        return cli("start", container);
    }

    /** Removes a stopped container; refuses a running one, so nothing live is lost by mistake. */
    public Command remove(final String container) {
        return cli("rm", container);
    }

    /** The last lines of a container's output, for the report when its gate fails. */
    public Command logs(final String container, final int lines) {
        return cli("logs", "--tail", Integer.toString(lines), container);
    }

    /**
     * Prints the container's state ({@code running}, {@code exited}, ...) and how often its restart
     * policy restarted it: how a role without traffic is judged ready, since a crash-looping
     * container may well be caught {@code running} between two crashes.
     */
    public Command state(final String container) {
        return cli("inspect", "--type", "container", "--format", "{{.State.Status}} {{.RestartCount}}", container);
    }

    public Command inspect(final String container) {
        return cli("inspect", "--type", "container", container);
    }

    /**
     * Every container of the service on the host, running or not, as JSON: a JSON array from podman,
     * one object per line from docker. The template rather than {@code --format json}, which docker
     * learned only in version 23. Containers of other destinations of the same service are listed
     * too; the ledger reader drops them by their destination label.
     */
    public Command list(final Service service) {
        return cli("ps", "--all", "--filter", "label=" + ContainerLabels.SERVICE + "=" + service.name(),
                "--format", "{{json .}}");
    }

    /**
     * The role's options, restart policy aside: a one-off runs with the app's limits and extra hosts,
     * as Kamal runs its one-off containers, but is never restarted.
     */
    private static void options(final List<String> args, final ContainerSpec spec) {
        for (RunOption option : spec.options()) {
            if (option.name().equals("memory")) {
                args.addAll(List.of("--memory", MemoryLimit.toRuntimeFlag(option.value().orElse(""), "options.memory")));
            }
            else if (!option.name().equals(RESTART)) {
                args.addAll(option.arguments());
            }
        }
    }

    private static void label(final List<String> args, final String key, final String value) {
        args.addAll(List.of("--label", key + "=" + value));
    }

    private Command cli(final String... args) {
        return cli(List.of(args));
    }

    private Command cli(final List<String> args) {
        var argv = new ArrayList<String>(args.size() + 1);
        argv.add(runtime.program());
        argv.addAll(args);
        return Command.of(argv);
    }
}
