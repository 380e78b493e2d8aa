package io.jenkins.plugins.bluegreen.engine.migrate;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.command.Command;
import io.jenkins.plugins.bluegreen.engine.command.ShellQuote;
import io.jenkins.plugins.bluegreen.engine.config.Migrations;
import io.jenkins.plugins.bluegreen.engine.container.ContainerCommands;
import io.jenkins.plugins.bluegreen.engine.container.ContainerSpec;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the commands of the {@code migrations} section; runs nothing. Every script of the section
 * (backup, migrate, status, replica wait, rollback) runs the same way: in a one-off container of the
 * new release's image when {@code in_container} is true, since that is where the app's code and
 * database settings are, or with {@code sh -c} on the host otherwise.
 *
 * @param spec the new release's container on the primary host; {@code null} only when not in a container
 */
public record MigrationCommands(Migrations settings, ContainerCommands containers, ContainerSpec spec) {
    /** One-off containers are named {@code <service>-migrate}, so two cannot run at once on a host. */
    static final String PURPOSE = "migrate";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(timestamp|version|service|steps)\\}");

    public MigrationCommands {
        if (settings.inContainer() && spec == null) {
            throw new IllegalArgumentException("migrations run in a container, but no container spec was given");
        }
    }

    public Command migrate() {
        return script(settings.command());
    }

    public Command status() {
        return script(settings.statusCommand());
    }

    /** The backup command with {@code {timestamp}}, {@code {version}} and {@code {service}} filled in, quoted. */
    public Command backup(final String service, final String version, final Instant at) {
        return script(backupScript(service, version, at));
    }

    /** The backup script as it runs, secrets aside: recorded in the ledger as where the backup went. */
    public String backupScript(final String service, final String version, final Instant at) {
        var template = settings.backup().command().orElseThrow(
                () -> new IllegalStateException("no backup command is configured"));
        return fill("migrations.backup.command", template,
                Map.of("timestamp", TIMESTAMP.format(at), "version", version, "service", service));
    }

    public Command replicaCheck() {
        return script(settings.replicaWait().orElseThrow(
                () -> new IllegalStateException("no replica_wait command is configured")).command());
    }

    /** The rollback command undoing the last {@code steps} migrations ({@code {steps}} filled in). */
    public Command rollback(final int steps) {
        if (steps < 1) {
            throw new InvalidInputException("steps: expected at least 1 migration to roll back, got " + steps);
        }
        return script(fill("migrations.rollback_command", settings.rollbackCommand(),
                Map.of("steps", Integer.toString(steps))));
    }

    private Command script(final String script) {
        return settings.inContainer() ? containers.runOnce(spec, PURPOSE, script) : Command.of("sh", "-c", script);
    }

    /**
     * Replaces known placeholders by their values, shell-quoted: a version cannot end a quoted
     * string or start a second command. A placeholder this script does not offer is an error, not
     * text left for the shell to stumble on.
     */
    static String fill(final String key, final String template, final Map<String, String> values) {
        var m = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            var value = values.get(m.group(1));
            if (value == null) {
                throw new InvalidInputException(key + ": {" + m.group(1) + "} has no value here; expected only "
                        + String.join(", ", values.keySet().stream().sorted().map(k -> "{" + k + "}").toList()));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(ShellQuote.quote(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
