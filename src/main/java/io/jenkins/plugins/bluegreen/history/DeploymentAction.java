package io.jenkins.plugins.bluegreen.history;

import hudson.model.Run;
import io.jenkins.plugins.bluegreen.engine.report.DeploymentRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;

/**
 * The build's "Deployments" page and its summary on the build page: what each deployment step of
 * this build put where, in the order the steps ended. Saved with the build, so the job's history
 * reads it back without the pipeline.
 */
public class DeploymentAction implements RunAction2 {
    static final String URL_NAME = "deployments";

    private final List<DeploymentRecord> records = new CopyOnWriteArrayList<>();
    private transient Run<?, ?> run;

    /** The build's action, attached on first use; parallel branches may deploy at once. */
    public static synchronized DeploymentAction of(final Run<?, ?> run) {
        var action = run.getAction(DeploymentAction.class);
        if (action == null) {
            action = new DeploymentAction();
            run.addAction(action);
        }
        return action;
    }

    /** Adds a step's record and saves the build, so the record survives a controller restart. */
    public void add(final DeploymentRecord record) throws IOException {
        records.add(record);
        run.save();
    }

    @Override
    public void onAttached(final Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(final Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** Oldest first, as the steps ran. */
    public List<DeploymentRecord> getRecords() {
        return List.copyOf(records);
    }

    /** Newest first, as the job's history lists them. */
    List<DeploymentRecord> newestFirst() {
        var newest = new ArrayList<>(records);
        Collections.reverse(newest);
        return newest;
    }

    @Override
    public String getIconFileName() {
        return "symbol-swap";
    }

    @Override
    public String getDisplayName() {
        return "Deployments";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
