package io.jenkins.plugins.bluegreen.engine.api;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine needs to reach the hosts: key material (never a path), and the host keys it
 * trusts. Front ends fill it from their own secret store; it never prints its secrets.
 *
 * @param credentialsId where the key came from, for messages only (not secret)
 * @param username the SSH user, or {@code null} to take {@code ssh.user} from the config
 * @param privateKeys OpenSSH/PEM key texts
 * @param passphrase the keys' passphrase, or {@code null}
 * @param knownHosts known_hosts lines; host keys are always verified against them
 */
public record SshAccess(String credentialsId, String username, List<String> privateKeys, String passphrase,
                        String knownHosts) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SshAccess {
        privateKeys = privateKeys == null ? List.of() : List.copyOf(privateKeys);
        if (privateKeys.isEmpty() || privateKeys.stream().allMatch(String::isBlank)) {
            throw new InvalidInputException("credentialsId: expected SSH credentials holding a private key, got '"
                    + credentialsId + "' without one");
        }
        if (knownHosts == null || knownHosts.isBlank()) {
            throw new InvalidInputException("known_hosts: expected the host keys of the deploy hosts (one known_hosts"
                    + " line each, e.g. from ssh-keyscan), got nothing; host keys are always verified");
        }
        username = Check.blankToNull(username);
    }

    /**
     * Every value a log line must never show: each key whole and, since logs are read line by line,
     * each of its base64 lines on its own (the BEGIN/END armor lines are not secret).
     */
    public List<String> secrets() {
        var all = new ArrayList<String>();
        for (String key : privateKeys) {
            all.add(key.strip());
            key.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("-----")).forEach(all::add);
        }
        if (passphrase != null) {
            all.add(passphrase);
        }
        return all;
    }

    @Override
    public String toString() {
        return "SshAccess[credentialsId=" + credentialsId + ", username=" + username + ", "
                + privateKeys.size() + " key(s)]";
    }
}
