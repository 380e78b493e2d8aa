package io.jenkins.plugins.bluegreen.steps;

import hudson.Util;
import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import io.jenkins.plugins.bluegreen.engine.window.WhileHeld;
import java.util.Locale;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A host step that changes what users see ({@code blueGreenDeploy}, {@code runMigrations}), so it
 * runs only inside the deployment window, unless a hotfix with a reason is approved by on-call.
 * ({@code rollback} is deliberately not one: putting the last good release back is never held.)
 */
public abstract class WindowedStep extends HostStep {
    private boolean hotfix;
    private String reason;
    private String onHeld = WhileHeld.WAIT.parameter();

    public boolean isHotfix() {
        return hotfix;
    }

    @DataBoundSetter
    public void setHotfix(final boolean hotfix) {
        this.hotfix = hotfix;
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(final String reason) {
        this.reason = Util.fixEmptyAndTrim(reason);
    }

    public String getOnHeld() {
        return onHeld;
    }

    /** {@code wait} (default): the build waits for the window; {@code fail}: it stops as not built. */
    @DataBoundSetter
    public void setOnHeld(final String onHeld) {
        var value = Util.fixEmptyAndTrim(onHeld);
        this.onHeld = value == null ? WhileHeld.WAIT.parameter() : value.toLowerCase(Locale.ROOT);
    }

    /** What the window check needs from this step, in serializable form. */
    WindowRequest windowRequest(final String functionName) {
        return new WindowRequest(functionName, getDestination(), hotfix, reason, onHeld,
                getConfigFile() == null ? ConfigLoader.DEFAULT_FILE : getConfigFile());
    }
}
