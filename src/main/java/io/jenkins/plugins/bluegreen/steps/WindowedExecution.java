package io.jenkins.plugins.bluegreen.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.bluegreen.config.DeploymentPolicyConfiguration;
import io.jenkins.plugins.bluegreen.engine.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.engine.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.engine.approval.ApprovalRecord;
import io.jenkins.plugins.bluegreen.engine.approval.ApproverName;
import io.jenkins.plugins.bluegreen.engine.window.HotfixOverride;
import io.jenkins.plugins.bluegreen.engine.window.RepositoryPolicy;
import io.jenkins.plugins.bluegreen.engine.window.WindowDecision;
import io.jenkins.plugins.bluegreen.engine.window.WindowPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step that may act only inside the deployment window. The engine decides (the admins' policy
 * for the destination, tightened by the repository's); this class acts on the decision:
 * <ul>
 * <li>open: {@link #proceed} runs the step's work;</li>
 * <li>held, {@code onHeld: 'fail'} (or a window that never opens): the build stops as NOT_BUILT
 *     with the reason, as an actual interruption so {@code retry} and {@code catchError} pass it on;</li>
 * <li>held, {@code onHeld: 'wait'}: no thread waits; a timer looks again at the next opening (and
 *     every re-check interval of {@link DeployClock}), and meanwhile on-call may "proceed as hotfix" on the
 *     build's approval page, their comment being the reason;</li>
 * <li>a hotfix that opens a closed window: on-call, not the requester, must approve it first.</li>
 * </ul>
 * Every decision is recorded on the build and sent to the team's chat.
 */
abstract class WindowedExecution extends GateExecution {
    private static final long serialVersionUID = 1L;

    private final WindowRequest request;
    /** An override on-call approved; from then on the window no longer holds this step. */
    private HotfixOverride granted;
    /** The override waiting for on-call approval; null while the gate is the "proceed as hotfix" prompt. */
    private HotfixOverride requested;
    private boolean held;
    /** True once the window let the step through or stopped it; later checks change nothing. */
    private boolean settled;
    /** True while a window check runs (it may be saved so, if the controller stops meanwhile). */
    private boolean checking;
    /** The held decision last reported, so a re-check that changes nothing stays quiet. */
    private String heldReported;

    WindowedExecution(final StepContext context, final WindowRequest request) {
        super(context);
        this.request = request;
    }

    /** The step's work, on a background thread, once the window let it through. */
    abstract void proceed(WindowDecision decision) throws Exception;

    /** Checks the step's own parameters on the CPS VM thread (no I/O) before any wait; throws to fail the step. */
    void checkParameters() throws IOException, InterruptedException {
        // nothing to check beyond the window request
    }

    /** True for steps that deploy ({@code deploymentWindow} only answers): they are held to the admins' approval floor. */
    boolean deploys() {
        return true;
    }

    @Override
    public boolean start() throws IOException, InterruptedException {
        EngineCall.engine(request.function(), request::waits);
        if (deploys()) {
            var approved = ApprovalAction.approvedDestinations(getContext().get(Run.class));
            EngineCall.engine(request.function(), () -> {
                DeploymentPolicyConfiguration.get().floors().requireApproved(request.destination(), approved,
                        request.function());
                return null;
            });
        }
        checkParameters();
        inBackground(this::check);
        return false;
    }

    final WindowRequest request() {
        return request;
    }

    /** Decides now, with the override on-call approved if any, else the one this build asks for. */
    final WindowDecision decide() throws IOException, InterruptedException {
        var context = getContext();
        var requester = requester();
        var env = context.get(EnvVars.class);
        var admins = DeploymentPolicyConfiguration.get();
        var asHotfix = request.hotfix() || env != null && Boolean.parseBoolean(env.get(admins.getHotfixParameter()));
        var reason = request.reason() != null || env == null ? request.reason()
                : Util.fixEmptyAndTrim(env.get(admins.getHotfixParameter() + "_REASON"));
        var policy = policy();
        var approved = granted();
        return EngineCall.engine(request.function(), () -> {
            var override = approved != null ? Optional.of(approved)
                    : asHotfix ? Optional.of(new HotfixOverride(requester, reason)) : Optional.<HotfixOverride>empty();
            return policy.decide(DeployClock.now(), override);
        });
    }

    /** The admins' policy for the deploy, tightened by what the repository's config says where a workspace shows it. */
    private WindowPolicy policy() throws IOException, InterruptedException {
        var admins = EngineCall.engine(request.function(), () -> DeploymentPolicyConfiguration.get().policies());
        var workspace = getContext().get(FilePath.class);
        var repository = workspace == null || request.configFile() == null ? RepositoryPolicy.NONE
                : EngineCall.onNode(request.function(), workspace,
                        new RepositoryWindows(workspace.getRemote(), request.configFile(), request.destination()));
        return repository.heldBy(admins, request.destination());
    }

    /** True when the step may still act now, e.g. right before the traffic switch. */
    final boolean stillOpen(final WindowDecision decision) {
        return decision.open() && (!decision.override() || granted() != null);
    }

    private String requester() throws IOException, InterruptedException {
        return Decisions.requester(getContext().get(Run.class));
    }

    private synchronized HotfixOverride granted() {
        return granted;
    }

    private void check() throws Exception {
        checking = true;
        try {
            var decision = decide();
            if (act(decision)) {
                checking = false;
                proceed(decision);
            }
        }
        finally {
            checking = false;
        }
    }

    /** A window check only reads; one a restart interrupted is simply made again. */
    @Override
    boolean repeatInterruptedWork() {
        if (checking && !settled) {
            checking = false;
            inBackground(this::check);
            return true;
        }
        return false;
    }

    /**
     * Acts on a decision; true when the step's work should now run. Checks may overlap (a timer
     * and an approval at the same moment), so acting is serialized and the work runs at most once.
     */
    private synchronized boolean act(final WindowDecision decision) throws IOException, InterruptedException {
        if (settled) {
            return false;
        }
        var context = getContext();
        if (decision.open() && decision.override() && granted == null) {
            askOnCall(decision.hotfix());
            return false;
        }
        if (decision.open()) {
            settled = true;
            held = false;
            closeGate();
            stopWaking();
            Decisions.record(context, decision.override() ? "hotfix" : "window", describe(decision),
                    decision.override() ? decision.hotfix().requestedBy() : requester(),
                    decision.override() ? decision.hotfix().reason() : null, null);
            log(describe(decision));
            return true;
        }
        if (!EngineCall.engine(request.function(), request::waits) || decision.nextOpen() == null) {
            settled = true;
            Decisions.record(context, "window", describe(decision), requester(), null, null);
            context.onFailure(new FlowInterruptedException(Result.NOT_BUILT, true, new WindowClosed(decision)));
            return false;
        }
        hold(decision);
        return false;
    }

    private void hold(final WindowDecision decision) throws IOException, InterruptedException {
        var context = getContext();
        held = true;
        if (!decision.summary().equals(heldReported)) {
            heldReported = decision.summary();
            log(describe(decision) + "; waiting, and going on by itself when the window opens");
            Decisions.record(context, "window", describe(decision), requester(), null, null);
        }
        var onCall = Identities.listed(ApproverName.split(DeploymentPolicyConfiguration.get().getOnCallGroup()));
        if (!gateOpen() && !onCall.isEmpty()) {
            var hotfix = ApprovalGate.hotfix(onCall, null);
            var prompt = new ApprovalPolicy(hotfix.approvers(), 1, false, null, hotfix.onTimeout(), true, false);
            requested = null;
            openGate("Held by the deployment window: proceed now as a hotfix? (on-call only; the comment is the reason)",
                    ApprovalGate.open(prompt, Identities.user(requester()), DeployClock.now()));
        }
        wakeAt(decision.nextOpen());
        context.saveState();
    }

    private void askOnCall(final HotfixOverride override) throws IOException, InterruptedException {
        if (gateOpen() && requested != null) {
            return;
        }
        closeGate();
        var admins = DeploymentPolicyConfiguration.get();
        var minutes = admins.getApprovalTimeoutMinutes();
        var requesterKnown = EngineCall.requester(getContext().get(Run.class)) != null;
        var gate = EngineCall.engine(request.function(), () -> ApprovalGate.open(
                ApprovalGate.hotfix(Identities.listed(ApproverName.split(admins.getOnCallGroup())),
                        minutes > 0 ? Duration.ofMinutes(minutes) : null, requesterKnown),
                Identities.user(override.requestedBy()), DeployClock.now()));
        requested = override;
        Decisions.record(getContext(), "hotfix requested", "outside the deployment window: " + override.reason(),
                override.requestedBy(), override.reason(), null);
        openGate("Hotfix by " + override.requestedBy() + " outside the deployment window (" + override.reason()
                + "): approve as on-call?", gate);
    }

    @Override
    synchronized void gatePassed(final ApprovalGate answered) {
        if (requested != null) {
            granted = requested;
        }
        else {
            var approval = answered.records().stream().filter(ApprovalRecord::approved).reduce((a, b) -> b).orElseThrow();
            granted = new HotfixOverride(approval.userId(), approval.comment());
        }
        held = false;
        stopWaking();
        inBackground(this::check);
    }

    @Override
    synchronized void wake(final Instant now) {
        if (held) {
            inBackground(this::check);
        }
    }

    private String describe(final WindowDecision decision) {
        var where = request.destination() == null ? "" : " (" + request.destination() + ")";
        if (decision.override()) {
            return "deployment window" + where + " overridden by a hotfix from " + decision.hotfix().requestedBy()
                    + ": " + decision.hotfix().reason();
        }
        return decision.summary().replaceFirst("^deployment window", "deployment window" + where);
    }

    final void log(final String line) throws IOException, InterruptedException {
        getContext().get(TaskListener.class).getLogger().println("[" + request.function() + "] " + line);
    }
}
