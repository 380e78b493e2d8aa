package io.jenkins.plugins.bluegreen.engine.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What started a build, as far as it leads to a person: the user who clicked Build, or another
 * build (a {@code build job:} step, a pipeline trigger) and whatever started that one. Timers, SCM
 * pushes and remote triggers lead to nobody and are left out.
 */
public sealed interface StartedBy {
    /** A person started it. */
    record Person(String userId) implements StartedBy {
    }

    /** Another build started it; {@code startedBy} is what started that build. */
    record Upstream(List<StartedBy> startedBy) implements StartedBy {
        public Upstream {
            startedBy = List.copyOf(startedBy);
        }
    }

    /**
     * The person who asked for a deploy: a person who started this build, else the nearest person up
     * the chain of builds that started it. Empty when the chain leads to nobody; then nobody can be
     * kept from approving their own deploy, which is why a hotfix then needs two approvals
     * ({@link ApprovalGate#hotfix(java.util.Set, java.time.Duration, boolean)}).
     */
    static Optional<String> requester(final List<StartedBy> causes) {
        var level = causes;
        while (!level.isEmpty()) {
            var next = new ArrayList<StartedBy>();
            for (StartedBy cause : level) {
                if (cause instanceof Person person && person.userId() != null && !person.userId().isBlank()) {
                    return Optional.of(person.userId());
                }
                if (cause instanceof Upstream upstream) {
                    next.addAll(upstream.startedBy());
                }
            }
            level = next;
        }
        return Optional.empty();
    }
}
