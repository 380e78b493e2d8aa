package io.jenkins.plugins.bluegreen.engine.ledger;

import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What a host knows about a service: the containers in each color (from labels) and the recent
 * history (oldest first). The live color comes from the history, the only record of a switch; a
 * host without history (first deploy, or history lost) counts a color as live when it alone runs.
 */
public record LiveState(Service service, List<Slot> slots, List<HistoryEntry> history) {
    public LiveState {
        Objects.requireNonNull(service, "service");
        slots = List.copyOf(slots);
        history = List.copyOf(history);
    }

    public Optional<Color> live() {
        var fromHistory = newestFirst().map(HistoryEntry::liveAfter).filter(Objects::nonNull).findFirst();
        if (fromHistory.isPresent()) {
            return fromHistory;
        }
        var running = slots.stream().filter(Slot::running).map(Slot::color).distinct().toList();
        return running.size() == 1 ? Optional.of(running.get(0)) : Optional.empty();
    }

    /** The color to deploy to next: the one not live; blue on a fresh host. */
    public Color idle() {
        return live().map(Color::other).orElse(Color.BLUE);
    }

    public Optional<Slot> slot(final String role, final Color color) {
        return slots.stream().filter(s -> s.role().equals(role) && s.color() == color).findFirst();
    }

    /** The releases that went live, newest first: what {@code rollback} offers. */
    public List<Release> releases() {
        return newestFirst()
                .filter(h -> h.action() == HistoryEntry.Action.DEPLOY)
                .map(HistoryEntry::release)
                .toList();
    }

    /** The schema version after the latest entry that recorded one. */
    public Optional<String> schemaVersion() {
        return newestFirst().map(HistoryEntry::schemaAfter).filter(Objects::nonNull).findFirst();
    }

    private Stream<HistoryEntry> newestFirst() {
        return IntStream.range(0, history.size()).mapToObj(i -> history.get(history.size() - 1 - i));
    }
}
