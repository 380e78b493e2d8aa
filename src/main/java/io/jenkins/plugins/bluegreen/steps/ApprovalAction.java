package io.jenkins.plugins.bluegreen.steps;

import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.approval.Approver;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.springframework.security.core.GrantedAuthority;

/**
 * The build's "Deployment approvals" page: what waits for an answer now (Proceed / Abort), and
 * the record of every window decision, override and answer so far.
 *
 * <p>Only the record is saved with the build. The questions belong to the steps that wait on them
 * and are found among the pipeline's running steps, the way the input step finds its own, so a
 * question and its step cannot disagree after a controller restart.
 */
public class ApprovalAction implements RunAction2 {
    static final String URL_NAME = "deploy-approvals";
    private static final Logger LOGGER = Logger.getLogger(ApprovalAction.class.getName());
    private static final int FIND_STEPS_TIMEOUT_SECONDS = 60;

    private final List<DecisionRecord> records = new CopyOnWriteArrayList<>();
    /** Destinations an approval held to the admins' floor passed for; null in builds saved before there were floors. */
    private Set<String> approvedDestinations = new HashSet<>();
    private transient Run<?, ?> run;

    /** The build's action, attached on first use. */
    static synchronized ApprovalAction of(final Run<?, ?> run) {
        var action = run.getAction(ApprovalAction.class);
        if (action == null) {
            action = new ApprovalAction();
            run.addAction(action);
        }
        return action;
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

    @Override
    public String getIconFileName() {
        return "symbol-help-circle";
    }

    @Override
    public String getDisplayName() {
        return "Deployment approvals";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    void record(final DecisionRecord record) throws IOException {
        records.add(record);
        run.save();
    }

    public List<DecisionRecord> getRecords() {
        return List.copyOf(records);
    }

    /** Records that an approval passed for {@code destination}, so the deploy to it may go on. */
    synchronized void approved(final String destination) throws IOException {
        if (approvedDestinations == null) {
            approvedDestinations = new HashSet<>();
        }
        approvedDestinations.add(destination);
        run.save();
    }

    /** The destinations approvals passed for in {@code run} so far. */
    static Set<String> approvedDestinations(final Run<?, ?> run) {
        var action = run.getAction(ApprovalAction.class);
        return action == null ? Set.of() : action.approvedDestinations();
    }

    private synchronized Set<String> approvedDestinations() {
        return approvedDestinations == null ? Set.of() : Set.copyOf(approvedDestinations);
    }

    /** The questions waiting now, oldest first. */
    public List<PendingGate> getPending() {
        if (!(run instanceof FlowExecutionOwner.Executable executable) || executable.asFlowExecutionOwner() == null) {
            return List.of();
        }
        try {
            List<StepExecution> running = executable.asFlowExecutionOwner().get().getCurrentExecutions(true)
                    .get(FIND_STEPS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return running.stream().filter(PendingGate.class::isInstance).map(PendingGate.class::cast)
                    .filter(g -> g.getTitle() != null).collect(Collectors.toList());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        catch (IOException | ExecutionException | TimeoutException e) {
            LOGGER.log(Level.WARNING, "cannot list the waiting steps of " + run, e);
            return List.of();
        }
    }

    @RequirePOST
    public HttpResponse doProceed(final StaplerRequest2 req) {
        return answer(req, true);
    }

    @RequirePOST
    public HttpResponse doAbort(final StaplerRequest2 req) {
        return answer(req, false);
    }

    private HttpResponse answer(final StaplerRequest2 req, final boolean approve) {
        var id = req.getParameter("id");
        var gate = getPending().stream().filter(g -> g.getGateId().equals(id)).findFirst()
                .orElseThrow(() -> HttpResponses.errorWithoutStack(404,
                        "Nothing waits for an answer under id '" + id + "' on this build; it may have been settled already"));
        if (gate.isOpenToAnyone()) {
            run.getParent().checkPermission(Item.BUILD);
        }
        try {
            gate.answer(currentApprover(), approve, req.getParameter("comment"), req.getParameter("ticket"));
        }
        catch (InvalidInputException refused) {
            throw HttpResponses.errorWithoutStack(403, refused.getMessage());
        }
        return HttpResponses.redirectToDot();
    }

    /** The signed-in user and the groups the security realm gives them, as the engine's rules see them. */
    static Approver currentApprover() {
        var auth = Jenkins.getAuthentication2();
        return new Approver(Identities.user(auth.getName()), Identities.groups(auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet())));
    }
}
