package io.jenkins.plugins.bluegreen.engine.traffic;

import io.jenkins.plugins.bluegreen.engine.command.Command;

/**
 * Builds the commands the nginx switch runs on a host; it runs nothing itself. The upstream file is
 * replaced by a rename inside its own directory, so nginx (or an admin's {@code nginx -t}) never
 * reads a half-written file.
 */
public final class NginxCommands {
    /** Does not end in {@code .conf}, so a {@code conf.d/*.conf} include never picks it up. */
    static final String NEW_SUFFIX = ".bluegreen-new";

    private final NginxSettings settings;

    public NginxCommands(final NginxSettings settings) {
        this.settings = settings;
    }

    /** Prints the upstream file, or nothing (and succeeds) when there is none yet. */
    public Command read() {
        var file = settings.upstreamFile();
        return Command.of("test", "!", "-e", file).or(Command.of("cat", file));
    }

    /** Writes its stdin to a file beside the upstream file, then renames it over the upstream file. */
    public Command write() {
        var file = settings.upstreamFile();
        var temporary = file + NEW_SUFFIX;
        // The redirect needs a shell; the path reaches it as "$1", never as shell text.
        return Command.of("sh", "-c", "cat > \"$1\"", "sh", temporary)
                .and(Command.of("mv", "-f", temporary, file));
    }

    /** Removes the upstream file: how a host that had none before gets back to that state. */
    public Command remove() {
        return Command.of("rm", "-f", settings.upstreamFile());
    }

    /** Checks nginx's whole configuration, which includes the upstream file. */
    public Command test() {
        return Command.of("sh", "-c", settings.testCommand());
    }

    /** Reloads nginx gracefully: new workers take the new upstream, old ones finish their requests. */
    public Command reload() {
        return Command.of("sh", "-c", settings.reloadCommand());
    }
}
