package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.ledger.HistoryEntry;
import io.jenkins.plugins.bluegreen.engine.ledger.LiveState;
import io.jenkins.plugins.bluegreen.engine.ledger.Release;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ColorChoiceTest {
    private static final Service SERVICE = Service.of("shop");

    private static LiveState liveOn(final Color color) {
        return new LiveState(SERVICE, List.of(), List.of(new HistoryEntry(HistoryEntry.Action.DEPLOY,
                new Release("v1", color, null, null, null), null, null, null)));
    }

    private static LiveState fresh() {
        return new LiveState(SERVICE, List.of(), List.of());
    }

    @Test
    void shouldLetANewHostJoinTheColorTheOthersServe() {
        var states = new LinkedHashMap<Host, LiveState>();
        states.put(Host.parse("web-1"), liveOn(Color.GREEN));
        states.put(Host.parse("web-2"), fresh());
        assertThat(ColorChoice.live(states)).contains(Color.GREEN);
    }

    @Test
    void shouldFindNothingLiveOnAFirstDeploy() {
        assertThat(ColorChoice.live(Map.of(Host.parse("web-1"), fresh()))).isEmpty();
    }

    @Test
    void shouldRefuseHostsLiveOnDifferentColorsNamingThem() {
        var states = new LinkedHashMap<Host, LiveState>();
        states.put(Host.parse("web-1"), liveOn(Color.BLUE));
        states.put(Host.parse("web-2"), liveOn(Color.GREEN));
        states.put(Host.parse("web-3"), liveOn(Color.BLUE));
        assertThatThrownBy(() -> ColorChoice.live(states)).isInstanceOf(DeployFailedException.class)
                .hasMessage("the hosts disagree on the live color: blue on web-1, web-3; green on web-2. Expected one"
                        + " live color everywhere; roll the odd hosts back to the others' release first");
    }
}
