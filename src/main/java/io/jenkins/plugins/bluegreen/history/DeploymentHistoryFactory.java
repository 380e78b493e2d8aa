package io.jenkins.plugins.bluegreen.history;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Puts the "Deployments" page on every job. Deciding per job whether it ever deployed would load
 * its builds on every page view, so the page itself says when there is nothing to show.
 */
@Extension
@SuppressWarnings("rawtypes") // type() must return a Class<T>, and Job.class is raw: the usual form for job factories
public class DeploymentHistoryFactory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull final Job target) {
        return List.of(new DeploymentHistoryAction(target));
    }
}
