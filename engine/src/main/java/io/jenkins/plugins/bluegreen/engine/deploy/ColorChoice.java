package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.ledger.LiveState;
import io.jenkins.plugins.bluegreen.engine.remote.Host;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which color is live across all hosts, from each host's ledger. Hosts where nothing is live yet
 * (new hosts added to a role) join the others safely: they serve no one, so the new release goes
 * to the same idle color there. Hosts live on different colors cannot be reconciled without
 * guessing which one is right, and are refused.
 */
final class ColorChoice {
    private ColorChoice() {
    }

    static Optional<Color> live(final Map<Host, LiveState> states) {
        var byColor = new TreeMap<String, String>();
        states.forEach((host, state) -> state.live().ifPresent(c -> byColor.merge(c.label(), host.toString(),
                (a, b) -> a + ", " + b)));
        if (byColor.size() > 1) {
            throw new DeployFailedException("the hosts disagree on the live color: "
                    + byColor.entrySet().stream().map(e -> e.getKey() + " on " + e.getValue())
                            .collect(Collectors.joining("; "))
                    + ". Expected one live color everywhere; roll the odd hosts back to the others' release first");
        }
        return byColor.keySet().stream().findFirst().map(c -> Color.parse(c, "live color"));
    }
}
