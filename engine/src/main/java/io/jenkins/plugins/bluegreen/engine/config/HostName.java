package io.jenkins.plugins.bluegreen.engine.config;

import java.util.regex.Pattern;

/**
 * What a host in {@code servers} may be: an RFC 1123 host name, an IPv4 address or an IPv6 address
 * (in brackets when a port follows), each with an optional {@code :port}. Checked at load so a
 * typo or a pasted shell fragment ({@code h1; reboot}, {@code -oProxyCommand=...}) is reported on
 * its line instead of surfacing as an SSH failure halfway through a deploy.
 */
final class HostName {
    static final String EXPECTED = "a host name, an IPv4 address or a bracketed IPv6 address, with an optional :port";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");
    private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d");
    private static final Pattern PORT = Pattern.compile("[1-9]\\d{0,4}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private HostName() {
    }

    /** True for {@code name}, {@code name:port}, {@code [v6]}, {@code [v6]:port} and a bare IPv6 address. */
    static boolean valid(final String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return false;
            }
            var rest = text.substring(close + 1);
            return ipv6(text.substring(1, close)) && (rest.isEmpty() || rest.startsWith(":") && port(rest.substring(1)));
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
            return ipv6(text);
        }
        if (colon >= 0) {
            return name(text.substring(0, colon)) && port(text.substring(colon + 1));
        }
        return name(text);
    }

    private static boolean name(final String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        if (NUMERIC.matcher(name).matches()) {
            return ipv4(name);
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean ipv4(final String address) {
        var octets = address.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (!OCTET.matcher(octet).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean ipv6(final String address) {
        var halves = address.split("::", -1);
        if (halves.length > 2) {
            return false;
        }
        int groups = 0;
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) {
                continue;
            }
            var parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && parts[i].contains(".")) {
                    if (!ipv4(parts[i])) {
                        return false;
                    }
                    groups += 2;
                }
                else if (HEX_GROUP.matcher(parts[i]).matches()) {
                    groups++;
                }
                else {
                    return false;
                }
            }
        }
        return halves.length == 2 ? groups < 8 : groups == 8;
    }

    private static boolean port(final String port) {
        return PORT.matcher(port).matches() && Integer.parseInt(port) <= 65535;
    }
}
