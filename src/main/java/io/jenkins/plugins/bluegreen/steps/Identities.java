package io.jenkins.plugins.bluegreen.steps;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;

/**
 * User ids and group names as the security realm compares them. The engine's approval rules compare
 * names exactly; most realms do not (Jenkins' own user database and LDAP ignore case), and without
 * this a requester who signs in as {@code ALICE} would be a different person from the
 * {@code alice} who started the build, and could approve their own deploy.
 */
final class Identities {
    private Identities() {}

    static String user(final String id) {
        return Jenkins.get().getSecurityRealm().getUserIdStrategy().keyFor(id);
    }

    static Set<String> groups(final Collection<String> names) {
        var strategy = Jenkins.get().getSecurityRealm().getGroupIdStrategy();
        return names.stream().map(strategy::keyFor).collect(Collectors.toSet());
    }

    /** Names an admin or a pipeline listed, each of which may be a user or a group: both keys. */
    static Set<String> listed(final Collection<String> names) {
        var keys = new HashSet<String>(groups(names));
        names.forEach(name -> keys.add(user(name)));
        return keys;
    }
}
