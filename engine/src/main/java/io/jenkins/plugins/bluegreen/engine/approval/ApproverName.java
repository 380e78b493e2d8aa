package io.jenkins.plugins.bluegreen.engine.approval;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An entry of an approver list: {@code user:alice} names a user, {@code group:release-managers} a
 * group. Where people choose their own user id, a bare name is ambiguous: an account named like the
 * approvers' group would be an approver. Bare names still match either during the move to prefixes,
 * with a warning.
 */
public final class ApproverName {
    public static final String USER = "user:";
    public static final String GROUP = "group:";

    private ApproverName() {
    }

    /** User ids and group names as admins and pipeline authors write them: comma separated, spaces ignored. */
    public static Set<String> split(final String commaSeparated) {
        return commaSeparated == null ? Set.of() : Arrays.stream(commaSeparated.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Whether {@code entry} lets {@code who} answer. */
    static boolean matches(final String entry, final Approver who) {
        if (entry.startsWith(USER)) {
            return who.userId().equals(entry.substring(USER.length()));
        }
        if (entry.startsWith(GROUP)) {
            return who.groups().contains(entry.substring(GROUP.length()));
        }
        return who.userId().equals(entry) || who.groups().contains(entry);
    }

    /** One line for the names without a prefix, or {@code null} when every name has one. */
    public static String bareNamesWarning(final String parameter, final Collection<String> names) {
        var bare = new TreeSet<String>();
        names.stream().filter(n -> !n.startsWith(USER) && !n.startsWith(GROUP)).forEach(bare::add);
        if (bare.isEmpty()) {
            return null;
        }
        return parameter + ": " + String.join(", ", bare) + " match a user or a group of that name; expected"
                + " user:<id> or group:<name>, e.g. group:" + bare.first();
    }
}
