package io.jenkins.plugins.bluegreen.history;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.engine.report.DeploymentRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's "Deployments" page: the deployment records of its last {@value #BUILDS} builds, newest
 * first. Only those builds are loaded; older ones stay on disk.
 */
public class DeploymentHistoryAction implements Action {
    static final int BUILDS = 50;

    private final Job<?, ?> job;

    DeploymentHistoryAction(final Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    public int getBuildsShown() {
        return BUILDS;
    }

    /** One row per deployment step of the last builds, newest build and newest step first. */
    public List<Row> getRows() {
        var rows = new ArrayList<Row>();
        for (Run<?, ?> run : job.getBuilds().limit(BUILDS)) {
            var action = run.getAction(DeploymentAction.class);
            if (action != null) {
                action.newestFirst().forEach(record -> rows.add(new Row(run, record)));
            }
        }
        return rows;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cloud";
    }

    @Override
    public String getDisplayName() {
        return "Deployments";
    }

    @Override
    public String getUrlName() {
        return DeploymentAction.URL_NAME;
    }

    /** A record and the build it belongs to, for the build link. */
    public static final class Row {
        private final Run<?, ?> run;
        private final DeploymentRecord record;

        Row(final Run<?, ?> run, final DeploymentRecord record) {
            this.run = run;
            this.record = record;
        }

        public Run<?, ?> getRun() {
            return run;
        }

        public DeploymentRecord getRecord() {
            return record;
        }
    }
}
