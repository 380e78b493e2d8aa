package io.jenkins.plugins.bluegreen.engine.ssh;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host keys we trust, parsed from known_hosts content as OpenSSH writes it: plain and hashed
 * ({@code |1|salt|hash}) names, {@code [host]:port} for other ports, wildcards and negation,
 * {@code @revoked} keys (refused for every host). {@code @cert-authority} lines are skipped:
 * host certificates are not supported, so they trust nothing here.
 */
public final class KnownHosts {
    /** What known_hosts says about the key a host offered. */
    public enum Verdict { TRUSTED, UNKNOWN, CHANGED, REVOKED }

    private record Entry(String marker, List<String> patterns, PublicKey key) {
    }

    private final List<Entry> entries;

    private KnownHosts(final List<Entry> entries) {
        this.entries = entries;
    }

    /** Parses known_hosts content; a malformed line is an error naming its line number. */
    public static KnownHosts parse(final String content) {
        var entries = new ArrayList<Entry>();
        var lines = (content == null ? "" : content).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var fields = line.split("\\s+");
            String marker = null;
            int f = 0;
            if (fields[0].startsWith("@")) {
                marker = fields[0].toLowerCase(Locale.ROOT);
                f = 1;
            }
            if (fields.length < f + 3) {
                throw new InvalidInputException("known_hosts line " + (i + 1) + ": expected "
                        + "'[@marker] hosts key-type base64-key', got " + (fields.length - f) + " field(s)");
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(fields[f + 2]);
            }
            catch (IllegalArgumentException e) {
                throw new InvalidInputException("known_hosts line " + (i + 1) + ": expected a base64 key after '"
                        + fields[f + 1] + "', got text that is not base64");
            }
            if ("@cert-authority".equals(marker)) {
                continue;
            }
            entries.add(new Entry(marker, List.of(fields[f].split(",")), new PublicKey(blob)));
        }
        return new KnownHosts(List.copyOf(entries));
    }

    /** How known_hosts names {@code host} on {@code port}: the bare name on 22, {@code [host]:port} otherwise. */
    static String hostPattern(final String host, final int port) {
        return port == SshSettings.DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    public Verdict check(final String host, final int port, final byte[] offered) {
        var key = new PublicKey(offered);
        if (entries.stream().anyMatch(e -> "@revoked".equals(e.marker) && e.key.equals(key))) {
            return Verdict.REVOKED;
        }
        var listed = keysFor(host, port);
        if (listed.contains(key)) {
            return Verdict.TRUSTED;
        }
        return listed.isEmpty() ? Verdict.UNKNOWN : Verdict.CHANGED;
    }

    /** The keys known_hosts lists for this host (not revoked ones). */
    List<PublicKey> keysFor(final String host, final int port) {
        var name = hostPattern(host, port);
        return entries.stream().filter(e -> e.marker == null && matches(e.patterns, name))
                .map(Entry::key).toList();
    }

    private static boolean matches(final List<String> patterns, final String name) {
        boolean matched = false;
        for (String p : patterns) {
            if (p.startsWith("!")) {
                if (matchOne(p.substring(1), name)) {
                    return false;
                }
            }
            else if (matchOne(p, name)) {
                matched = true;
            }
        }
        return matched;
    }

    private static boolean matchOne(final String pattern, final String name) {
        if (pattern.startsWith("|1|")) {
            return hashedMatches(pattern, name);
        }
        if (pattern.contains("*") || pattern.contains("?")) {
            var regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(name).matches();
        }
        return pattern.equalsIgnoreCase(name);
    }

    /** OpenSSH's HashKnownHosts: {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}. */
    private static boolean hashedMatches(final String pattern, final String name) {
        var parts = pattern.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            var salt = Base64.getDecoder().decode(parts[2]);
            var expected = Base64.getDecoder().decode(parts[3]);
            var mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            var actual = mac.doFinal(name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, actual);
        }
        catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
