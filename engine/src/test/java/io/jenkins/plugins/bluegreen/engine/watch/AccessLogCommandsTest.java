package io.jenkins.plugins.bluegreen.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessLogCommandsTest {
    private static final String READABLE = "[ -e \"$1\" ] || { echo no such file >&2; exit 1; }; "
            + "[ -r \"$1\" ] || { echo \"not readable by user $(id -un)\" >&2; exit 1; }; ";

    private final AccessLogCommands commands = new AccessLogCommands("/var/log/nginx/bluegreen.json");

    @Test
    void shouldPrintTheLastLineOfAReadableFile() {
        assertThat(commands.lastLine().render())
                .isEqualTo("sh -c '" + READABLE + "tail -n 1 \"$1\"' sh /var/log/nginx/bluegreen.json");
    }

    @Test
    void shouldPrintTheSizeOfAReadableFile() {
        assertThat(commands.end().render())
                .isEqualTo("sh -c '" + READABLE + "wc -c < \"$1\"' sh /var/log/nginx/bluegreen.json");
    }

    @Test
    void shouldReadFromTheOffsetOrFromTheStartOfAShorterFileUpToTheSizeTakenFirst() {
        assertThat(commands.readSince(4096).render()).isEqualTo("sh -c '" + READABLE
                + "size=$(wc -c < \"$1\") && from=$2 && { [ \"$size\" -ge \"$from\" ] || from=0; } && "
                + "tail -c +$((from + 1)) \"$1\" | head -c $((size - from)) "
                + "| LC_ALL=C awk -v from=\"$from\" -v size=\"$size\" \"$3\"' sh /var/log/nginx/bluegreen.json 4096 "
                + "'{ line[NR] = $0; end += length($0) + 1 } "
                + "END { n = NR; end += from; if (end > size + 0) { end -= length(line[NR]) + 1; n-- } "
                + "print end; for (i = 1; i <= n; i++) print line[i] }'");
    }

    @Test
    void shouldPassAnOddPathAsOneArgument() {
        assertThat(new AccessLogCommands("/var/log/my nginx/it's.json").lastLine().render())
                .endsWith("' sh '/var/log/my nginx/it'\\''s.json'");
    }
}
