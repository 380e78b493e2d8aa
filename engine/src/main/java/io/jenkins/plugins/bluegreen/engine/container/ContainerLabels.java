package io.jenkins.plugins.bluegreen.engine.container;

/**
 * The labels every deployed container carries. They are the ledger's ground truth on a host: which
 * version runs in which color, deployed by whom and when, readable with {@code ps --filter label=...}
 * even when the history file is gone.
 */
public final class ContainerLabels {
    public static final String SERVICE = "bluegreen.service";
    public static final String DESTINATION = "bluegreen.destination";
    public static final String ROLE = "bluegreen.role";
    public static final String COLOR = "bluegreen.color";
    public static final String VERSION = "bluegreen.version";
    public static final String DEPLOYED_AT = "bluegreen.deployed-at";
    public static final String DEPLOYED_BY = "bluegreen.deployed-by";

    private ContainerLabels() {
    }
}
