package io.jenkins.plugins.bluegreen.engine.rollback;

import io.jenkins.plugins.bluegreen.engine.deploy.Color;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.LiveState;
import io.jenkins.plugins.bluegreen.engine.ledger.Release;
import io.jenkins.plugins.bluegreen.engine.ledger.Slot;
import io.jenkins.plugins.bluegreen.engine.lock.LockHolder;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one host says about a service's traffic-carrying role: its ledger, its lock, or why it
 * could not be read. Status shows it; rollback decides from it.
 *
 * @param state {@code null} when the host could not be read
 * @param error why the host could not be read, {@code null} when it was
 */
public record HostView(Host host, String role, LiveState state, Optional<LockHolder> lock, String error) {
    public HostView {
        Objects.requireNonNull(host, "host");
        lock = lock == null ? Optional.empty() : lock;
    }

    public static HostView read(final Host host, final String role, final LiveState state,
                                final Optional<LockHolder> lock) {
        return new HostView(host, role, state, lock, null);
    }

    public static HostView unreachable(final Host host, final String role, final String error) {
        return new HostView(host, role, null, Optional.empty(), error);
    }

    public boolean reachable() {
        return state != null;
    }

    public Optional<Color> live() {
        return reachable() ? state.live() : Optional.empty();
    }

    /**
     * The release serving traffic: the live color's container labels, which are ground truth for
     * what runs, else the newest history entry that moved traffic.
     */
    public Optional<Release> liveRelease() {
        var color = live();
        if (color.isEmpty()) {
            return Optional.empty();
        }
        var slot = state.slot(role, color.get());
        if (slot.isPresent()) {
            return Optional.of(slot.get().release());
        }
        return lastSwitch().map(HistoryEntry::release).filter(r -> r.color() == color.get());
    }

    /** Whether a container of the live color is running: history may name a color whose container died. */
    public boolean liveRunning() {
        return live().flatMap(c -> state.slot(role, c)).filter(Slot::running).isPresent();
    }

    /** The newest history entry that moved traffic: since when and by whom the live release serves. */
    public Optional<HistoryEntry> lastSwitch() {
        if (!reachable()) {
            return Optional.empty();
        }
        var history = state.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).liveAfter() != null) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }

    /** The idle color's container when it is running: traffic can go back to it in a second. */
    public Optional<Slot> warm() {
        return live().flatMap(c -> state.slot(role, c.other())).filter(Slot::running);
    }

    /** A running container of the role holding {@code version}, in whichever color. */
    public Optional<Slot> running(final String version) {
        if (!reachable()) {
            return Optional.empty();
        }
        return state.slots().stream()
                .filter(s -> s.role().equals(role) && s.running() && s.release().version().equals(version))
                .findFirst();
    }

    /** Releases that went live here, newest first ({@code deploy} lines of the history). */
    public List<Release> releases() {
        return reachable() ? state.releases() : List.of();
    }

    /** Whether this host has ever run {@code version}: in its history or in a container, running or not. */
    public boolean knows(final String version) {
        return reachable() && (releases().stream().anyMatch(r -> r.version().equals(version))
                || state.slots().stream().anyMatch(s -> s.release().version().equals(version)));
    }

    /**
     * The release live before the live one: the newest deploy of another version older than the
     * newest deploy of the live version. After a rollback that is the release before the one rolled
     * back to, so rolling back twice walks further back instead of forth. Without history, the
     * warm color's release.
     */
    public Optional<String> previousVersion() {
        var live = liveRelease().map(Release::version);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        var older = new ArrayList<String>();
        boolean passedLive = false;
        for (Release r : releases()) {
            passedLive |= r.version().equals(live.get());
            if (passedLive && !r.version().equals(live.get())) {
                older.add(r.version());
            }
        }
        if (!older.isEmpty()) {
            return Optional.of(older.get(0));
        }
        if (!passedLive) {
            return warm().map(s -> s.release().version()).filter(v -> !v.equals(live.get()));
        }
        return Optional.empty();
    }

    /** The image of {@code version} as this host recorded it (container, then history), if it did. */
    public Optional<String> image(final String version) {
        if (!reachable()) {
            return Optional.empty();
        }
        var fromSlot = state.slots().stream().map(Slot::release)
                .filter(r -> r.version().equals(version) && r.image() != null).map(Release::image).findFirst();
        if (fromSlot.isPresent()) {
            return fromSlot;
        }
        return state.history().stream().map(HistoryEntry::release)
                .filter(r -> r.version().equals(version) && r.image() != null).map(Release::image).findFirst();
    }
}
