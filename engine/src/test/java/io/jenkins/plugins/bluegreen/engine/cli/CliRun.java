package io.jenkins.plugins.bluegreen.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One run of the {@code bluegreen} command in this JVM, as a user would see it: exit code, stdout, stderr. */
public record CliRun(int exit, String out, String err) {
    public static CliRun of(final String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = new CommandLine(new BlueGreenCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    public static CliRun of(final List<String> args) {
        return of(args.toArray(String[]::new));
    }

    /** Standard output read as JSON, for the commands that print their result that way. */
    public JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out);
    }
}
