package io.jenkins.plugins.bluegreen.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The git revision of the project a config belongs to, for the version helpers Kamal files write
 * in ERB ({@code `git rev-parse --short HEAD`}, {@code `git describe --tags`}). Only the forms below
 * are recognized; each becomes an argument list built here from fixed words and run as the
 * {@code git} program in the project directory, never through a shell and never with the config's
 * own text, so a config cannot make the deploying machine run anything else.
 */
final class WorkspaceGit {
    private static final Pattern ABBREV = Pattern.compile("--(short|abbrev)=(\\d{1,2})");
    private static final List<String> DESCRIBE_FLAGS = List.of("--tags", "--always", "--dirty", "--long", "--exact-match",
            "--first-parent");
    private static final long TIMEOUT_SECONDS = 10;
    private static final int MAX_OUTPUT = 4096;

    private final Path projectDir;
    private final Map<List<String>, String> answers = new HashMap<>();

    WorkspaceGit(final Path projectDir) {
        this.projectDir = projectDir;
    }

    /**
     * The git arguments for a command as written in the config ({@code git rev-parse HEAD}), if it
     * is one of the recognized version helpers.
     */
    static Optional<List<String>> recognize(final String command) {
        var words = List.of(command.strip().split("\\s+"));
        if (words.size() < 2 || !words.get(0).equals("git")) {
            return Optional.empty();
        }
        var args = new ArrayList<String>();
        if (words.get(1).equals("rev-parse") && words.get(words.size() - 1).equals("HEAD") && words.size() <= 4) {
            args.add("rev-parse");
            if (words.size() == 4 && !flag(words.get(2), List.of("--short", "--abbrev-ref"), "short", args)) {
                return Optional.empty();
            }
            args.add("HEAD");
            return Optional.of(List.copyOf(args));
        }
        if (words.get(1).equals("describe")) {
            args.add("describe");
            for (String word : words.subList(2, words.size())) {
                if (!flag(word, DESCRIBE_FLAGS, "abbrev", args)) {
                    return Optional.empty();
                }
            }
            return Optional.of(List.copyOf(args));
        }
        return Optional.empty();
    }

    /** Adds the fixed spelling of {@code word} to {@code args}, if it is one of {@code flags} or --{@code numbered}=N. */
    private static boolean flag(final String word, final List<String> flags, final String numbered, final List<String> args) {
        int known = flags.indexOf(word);
        if (known >= 0) {
            args.add(flags.get(known));
            return true;
        }
        var m = ABBREV.matcher(word);
        if (m.matches() && m.group(1).equals(numbered)) {
            args.add("--" + numbered + "=" + Integer.parseInt(m.group(2)));
            return true;
        }
        return false;
    }

    /**
     * What git prints for {@code args}, without its final line break.
     *
     * @throws IllegalStateException saying what went wrong, in git's words where it gave some
     */
    String answer(final List<String> args) {
        var cached = answers.get(args);
        if (cached != null) {
            return cached;
        }
        var argv = new ArrayList<String>();
        argv.add("git");
        argv.addAll(args);
        try {
            var process = new ProcessBuilder(argv).directory(projectDir.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", args) + " took more than " + TIMEOUT_SECONDS + "s");
            }
            var out = read(process.getInputStream());
            if (process.exitValue() != 0) {
                var error = read(process.getErrorStream()).lines().findFirst().orElse("exit status " + process.exitValue());
                throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + projectDir + ": " + error);
            }
            var answer = out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
            answers.put(args, answer);
            return answer;
        }
        catch (IOException e) {
            throw new IllegalStateException("git could not be run in " + projectDir + " (" + e.getMessage() + ")", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while git ran in " + projectDir, e);
        }
    }

    private static String read(final InputStream in) throws IOException {
        return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
    }
}
