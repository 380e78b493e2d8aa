package io.jenkins.plugins.bluegreen.engine.config;

import java.util.regex.Pattern;

/**
 * The {@code image} setting checked against the OCI distribution grammar for a repository name,
 * {@code [registry-host[:port]/]path-component(/path-component)*}: lower-case components joined by
 * {@code .}, {@code _}, {@code __} or dashes. No tag and no digest: the version is added per deploy,
 * as Kamal adds it.
 */
final class ImageName {
    static final String EXPECTED = "an image name like a2d2/app or ghcr.io/a2d2/app (lower-case letters and digits,"
            + " '.', '_' or '-' between them)";
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + DOMAIN_LABEL + "(?:\\." + DOMAIN_LABEL
            + ")*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final int MAX_LENGTH = 255;

    private ImageName() {
    }

    static boolean valid(final String image) {
        if (image.length() > MAX_LENGTH) {
            return false;
        }
        int slash = image.indexOf('/');
        var first = slash < 0 ? "" : image.substring(0, slash);
        // As docker decides: the first component names a registry if it has a '.' or a ':' or is localhost.
        boolean hasDomain = first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[");
        if (hasDomain) {
            return DOMAIN.matcher(first).matches() && PATH.matcher(image.substring(slash + 1)).matches();
        }
        return PATH.matcher(image).matches();
    }

    /** A name with {@code :tag} or {@code @digest} after its last component, which the deploy would break. */
    static boolean hasTagOrDigest(final String image) {
        var last = image.substring(image.lastIndexOf('/') + 1);
        return last.contains(":") || last.contains("@");
    }
}
