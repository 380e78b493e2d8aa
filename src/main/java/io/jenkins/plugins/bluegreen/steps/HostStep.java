package io.jenkins.plugins.bluegreen.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters every step that acts on the hosts shares: which Kamal config and destination,
 * and which SSH credentials. Such steps run inside {@code node}: the config is read from the
 * workspace and SSH leaves from that agent.
 */
public abstract class HostStep extends Step {
    private String configFile;
    private String destination;
    private String credentialsId;

    /** What these steps need from the pipeline: a workspace on a node, and the build. */
    static final Set<Class<?>> CONTEXT = Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);

    public String getConfigFile() {
        return configFile;
    }

    /** Relative to the workspace; empty means {@code config/deploy.yml}. */
    @DataBoundSetter
    public void setConfigFile(final String configFile) {
        this.configFile = Util.fixEmptyAndTrim(configFile);
    }

    public String getDestination() {
        return destination;
    }

    @DataBoundSetter
    public void setDestination(final String destination) {
        this.destination = Util.fixEmptyAndTrim(destination);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Empty means the default SSH credentials of the global configuration. */
    @DataBoundSetter
    public void setCredentialsId(final String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }
}
