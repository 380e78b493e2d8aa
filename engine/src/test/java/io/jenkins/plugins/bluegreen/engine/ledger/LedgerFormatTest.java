package io.jenkins.plugins.bluegreen.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class LedgerFormatTest {
    private static final Service A2D2 = Service.of("a2d2");

    private static String resource(final String name) throws IOException {
        try (InputStream in = LedgerFormatTest.class.getResourceAsStream("/ledger/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldReadSlotsFromCapturedPodmanListing() throws IOException {
        var slots = LedgerFormat.slots(Service.of("bgcap"), resource("podman-4.3-ps-all.json"));

        assertThat(slots).containsExactly(
                new Slot("bgcap-web-green", "web", Color.GREEN, new Release("v2", Color.GREEN, "localhost/bgcap:v1",
                        Instant.parse("2026-11-24T10:15:30Z"), "Doe, John"), "running"),
                new Slot("bgcap-web-blue", "web", Color.BLUE, new Release("v1", Color.BLUE, "localhost/bgcap:v1",
                        Instant.parse("2026-11-23T09:00:00Z"), "alice"), "created"));
        assertThat(slots.get(0).running()).isTrue();
        assertThat(slots.get(1).running()).isFalse();
    }

    @Test
    void shouldReadDockerJsonLinesKeepingCommasInsideLabelValuesAndOnlyThisDestination() throws IOException {
        var output = resource("docker-ps-all.jsonl");

        var slots = LedgerFormat.slots(A2D2, output);
        assertThat(slots).extracting(Slot::container).containsExactly("a2d2-web-green", "a2d2-web-blue");
        assertThat(slots.get(0).release().deployedBy()).isEqualTo("Doe, John");
        assertThat(slots.get(1).state()).isEqualTo("exited");

        assertThat(LedgerFormat.slots(new Service("a2d2", "staging"), output))
                .extracting(s -> s.release().version()).containsExactly("v9");
    }

    @Test
    void shouldReadAnEmptyListingAsNoSlots() {
        assertThat(LedgerFormat.slots(A2D2, "[]\n")).isEmpty();
        assertThat(LedgerFormat.slots(A2D2, "")).isEmpty();
    }

    @Test
    void shouldStopOnAListingItCannotRead() {
        assertThatThrownBy(() -> LedgerFormat.slots(A2D2, "Error: something odd"))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageStartingWith("could not read the container list");
    }

    @Test
    void shouldWriteHistoryLinesThatReadBackEqualAndSkipTornLines() {
        var deploy = new HistoryEntry(HistoryEntry.Action.DEPLOY, new Release("v2", Color.GREEN, "a2d2:v2",
                Instant.parse("2026-11-24T10:15:30Z"), "alice"), "20261101", "20261124", "JIRA-42 \"quoted\"");
        var migrate = new HistoryEntry(HistoryEntry.Action.MIGRATE, new Release("v3", Color.BLUE, null, null, null),
                null, "20261125", null, 2, "/backups/a2d2-20261125T101530Z.sql");

        var line = LedgerFormat.historyLine(A2D2, deploy);
        assertThat(line).isEqualTo("{\"at\":\"2026-11-24T10:15:30Z\",\"action\":\"deploy\",\"service\":\"a2d2\","
                + "\"version\":\"v2\",\"color\":\"green\",\"image\":\"a2d2:v2\",\"by\":\"alice\","
                + "\"schema_before\":\"20261101\",\"schema_after\":\"20261124\",\"message\":\"JIRA-42 \\\"quoted\\\"\"}");
        assertThat(LedgerFormat.historyLine(A2D2, migrate)).endsWith(",\"schema_after\":\"20261125\",\"migrations\":2,"
                + "\"backup\":\"/backups/a2d2-20261125T101530Z.sql\"}");
        var text = line + "\n" + "{\"at\":\"2026-11-24T1" + "\n" + LedgerFormat.historyLine(A2D2, migrate) + "\n";
        assertThat(LedgerFormat.history(text)).containsExactly(deploy, migrate);
    }

    @Test
    void shouldTakeLiveColorFromHistoryAndFallBackToTheOnlyRunningSlot() {
        var v1 = new Release("v1", Color.BLUE, null, Instant.parse("2026-11-23T09:00:00Z"), "alice");
        var v2 = new Release("v2", Color.GREEN, null, Instant.parse("2026-11-24T09:00:00Z"), "bob");
        var history = List.of(
                new HistoryEntry(HistoryEntry.Action.DEPLOY, v1, null, "1", null),
                new HistoryEntry(HistoryEntry.Action.DEPLOY, v2, "1", "2", null),
                new HistoryEntry(HistoryEntry.Action.ROLLBACK, v1, "2", "1", "error rate 7%"),
                new HistoryEntry(HistoryEntry.Action.MIGRATE, v1, "1", "1", null));
        var state = new LiveState(A2D2, List.of(), history);
        assertThat(state.live()).contains(Color.BLUE);
        assertThat(state.idle()).isEqualTo(Color.GREEN);
        assertThat(state.releases()).containsExactly(v2, v1);
        assertThat(state.schemaVersion()).contains("1");

        var fresh = new LiveState(A2D2, List.of(new Slot("a2d2-web-green", "web", Color.GREEN, v2, "running"),
                new Slot("a2d2-web-blue", "web", Color.BLUE, v1, "exited")), List.of());
        assertThat(fresh.live()).contains(Color.GREEN);
        assertThat(fresh.slot("web", Color.BLUE)).map(Slot::release).contains(v1);
        assertThat(new LiveState(A2D2, List.of(), List.of()).idle()).isEqualTo(Color.BLUE);
    }
}
