package io.jenkins.plugins.bluegreen.engine.watch;

import io.jenkins.plugins.bluegreen.engine.command.Command;

/**
 * Builds the commands that read nginx's JSON access log on a host; it runs nothing itself. The
 * path reaches the shell as {@code "$1"}, never as shell text. A missing or unreadable file makes
 * every command fail with one short reason on stderr ({@code no such file}, {@code not readable by
 * user deploy}), which the source puts in its message.
 */
public final class AccessLogCommands {
    private static final String READABLE = "[ -e \"$1\" ] || { echo no such file >&2; exit 1; }; "
            + "[ -r \"$1\" ] || { echo \"not readable by user $(id -un)\" >&2; exit 1; }; ";

    /**
     * Reads stdin, the bytes from {@code from} to {@code size}, and prints where the next read
     * starts, then the complete lines. A last line without its newline is one nginx is still
     * writing: it is left for the next read, and the offset printed stops before it. Under
     * {@code LC_ALL=C} awk counts bytes, not characters, so the offset is a byte offset.
     */
    private static final String COMPLETE_LINES = "{ line[NR] = $0; end += length($0) + 1 } "
            + "END { n = NR; end += from; if (end > size + 0) { end -= length(line[NR]) + 1; n-- } "
            + "print end; for (i = 1; i <= n; i++) print line[i] }";

    private final String file;

    public AccessLogCommands(final String file) {
        this.file = file;
    }

    /** Prints the file's last line (nothing for an empty file): the sample the format check judges. */
    public Command lastLine() {
        return Command.of("sh", "-c", READABLE + "tail -n 1 \"$1\"", "sh", file);
    }

    /**
     * Prints the file's size: where counting starts at the switch. nginx appends each line with one
     * write, so the end of the file is the end of a line.
     */
    public Command end() {
        return Command.of("sh", "-c", READABLE + "wc -c < \"$1\"", "sh", file);
    }

    /**
     * Prints the offset the next read starts at, then every complete line appended since
     * {@code offset}. The size is taken once, first, so a line nginx appends meanwhile is left for
     * the next read instead of being counted twice. A file now shorter than {@code offset} was
     * rotated or truncated: it is read from its start.
     */
    public Command readSince(final long offset) {
        return Command.of("sh", "-c", READABLE
                + "size=$(wc -c < \"$1\") && from=$2 && { [ \"$size\" -ge \"$from\" ] || from=0; } && "
                + "tail -c +$((from + 1)) \"$1\" | head -c $((size - from)) "
                + "| LC_ALL=C awk -v from=\"$from\" -v size=\"$size\" \"$3\"",
                "sh", file, Long.toString(offset), COMPLETE_LINES);
    }
}
