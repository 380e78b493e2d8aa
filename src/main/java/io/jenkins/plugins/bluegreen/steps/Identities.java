package io.jenkins.plugins.bluegreen.steps;

import io.jenkins.plugins.bluegreen.engine.approval.ApproverName;
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

    /**
     * Names an admin or a pipeline listed, as the engine's approver entries ({@link ApproverName}):
     * {@code user:<id>} and {@code group:<name>} in the realm's form; a bare name, still accepted
     * while teams move to prefixes, as both a user and a group entry.
     */
    static Set<String> listed(final Collection<String> names) {
        var groupIds = Jenkins.get().getSecurityRealm().getGroupIdStrategy();
        var keys = new HashSet<String>();
        for (String name : names) {
            if (name.startsWith(ApproverName.USER)) {
                keys.add(ApproverName.USER + user(name.substring(ApproverName.USER.length()).strip()));
            }
            else if (name.startsWith(ApproverName.GROUP)) {
                keys.add(ApproverName.GROUP + groupIds.keyFor(name.substring(ApproverName.GROUP.length()).strip()));
            }
            else {
                keys.add(ApproverName.USER + user(name));
                keys.add(ApproverName.GROUP + groupIds.keyFor(name));
            }
        }
        return keys;
    }
}
