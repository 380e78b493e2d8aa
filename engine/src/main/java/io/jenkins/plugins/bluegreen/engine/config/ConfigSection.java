package io.jenkins.plugins.bluegreen.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A subtree of the config handed raw to the package that understands it (deployment windows,
 * approvals), with what that parser needs to name a mistake: the file it was written in and its
 * slash path. {@link #where} adds the line and column of any setting inside it.
 */
public final class ConfigSection {
    private final JsonNode node;
    private final String file;
    private final String path;
    private final SourceMap sources;

    ConfigSection(final ConfigNode node) {
        this.node = node.json();
        this.file = node.file();
        this.path = node.path();
        this.sources = node.sources();
    }

    /** The raw subtree; a missing node if the section is not written. */
    public JsonNode node() {
        return node;
    }

    public String file() {
        return file;
    }

    /** The slash path of the section, e.g. {@code x-bluegreen/windows}. */
    public String path() {
        return path;
    }

    public boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    /**
     * {@code file:line:column} of the setting at {@code relativePath} below this section
     * ({@code allow/0/days}), or of its nearest written parent.
     */
    public String where(final String relativePath) {
        return sources.where(relativePath.isEmpty() ? path : path + "/" + relativePath);
    }
}
