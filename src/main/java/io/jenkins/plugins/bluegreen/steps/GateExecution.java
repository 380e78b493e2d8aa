package io.jenkins.plugins.bluegreen.steps;

import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.engine.approval.ApprovalRecord;
import io.jenkins.plugins.bluegreen.engine.approval.ApprovalStatus;
import io.jenkins.plugins.bluegreen.engine.approval.Approver;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousResumeNotSupportedException;
import org.springframework.security.core.Authentication;

/**
 * A step that may wait for people, for a deadline or for a deployment window without holding a
 * thread: between events it is only serialized state (the engine's {@link ApprovalGate} and the
 * instant to look again), and a {@link Timer} task wakes it. {@link #onResume} re-arms the timer
 * after a controller restart, so a wait survives it.
 *
 * <p>While a gate is open the step is a {@link PendingGate} on the build's approval page. The
 * engine decides which answers count and when the gate has passed; this class records each
 * answer on the build, tells the team, and hands the outcome to the subclass.
 */
abstract class GateExecution extends StepExecution implements PendingGate {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(GateExecution.class.getName());
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(new NamingThreadFactory(
            new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), GateExecution.class.getName()));
    private static final String QUEUED = "queued";

    private final String gateId = UUID.randomUUID().toString();
    private ApprovalGate gate;
    private String title;
    private Instant wakeAt;
    private transient ScheduledFuture<?> timer;
    /**
     * Where the step's background work runs ({@link #QUEUED} before its thread starts), null when none
     * does. Saved with the step, so a restart knows work was cut off.
     */
    private String working;
    private transient Future<?> task;
    /** Work that arrived while other work ran; it runs next, on the same thread. */
    private transient Queue<Work> waiting;
    private transient volatile Throwable stopCause;

    GateExecution(final StepContext context) {
        super(context);
    }

    /** A piece of the step's work off the CPS VM thread: SSH, HTTP, reading the workspace. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs work off the CPS VM thread, one piece at a time, as the user who runs the build. Work
     * arrives from the CPS VM thread (start, a block's end), from web threads (an approval) and from
     * timers. workflow-step-api's {@code GeneralNonBlockingStepExecution.run} keeps one thread name and
     * one future and clears both when its block ends, so two overlapping calls left a long deploy
     * without them: {@code blocksRestart()} turned false and {@code stop()} could not interrupt it.
     * Here a second piece waits for the first and the bookkeeping ends only with the last.
     */
    final void inBackground(final Work work) {
        synchronized (this) {
            if (stopCause != null) {
                return;
            }
            if (working != null) {
                waiting().add(work);
                return;
            }
            working = QUEUED;
            var authentication = Jenkins.getAuthentication2();
            task = BACKGROUND.submit(() -> drain(work, authentication));
        }
    }

    private void drain(final Work first, final Authentication authentication) {
        synchronized (this) {
            working = Thread.currentThread().getName();
        }
        try (var ignored = ACL.as2(authentication)) {
            for (var work = first; work != null; work = next()) {
                work.run();
            }
        }
        catch (Throwable x) {
            synchronized (this) {
                waiting().clear();
                idle();
            }
            if (stopCause == null) {
                getContext().onFailure(x);
            }
            else {
                stopCause.addSuppressed(x);
            }
        }
    }

    /** The next waiting piece, or null once the lane is marked idle: in one step, so no piece is left behind. */
    private synchronized Work next() {
        var work = waiting().poll();
        if (work == null) {
            idle();
        }
        return work;
    }

    private void idle() {
        working = null;
        task = null;
    }

    private Queue<Work> waiting() {
        if (waiting == null) {
            waiting = new ArrayDeque<>();
        }
        return waiting;
    }

    /** A restart waits for background work: it may be half done on the hosts. */
    @Override
    public synchronized boolean blocksRestart() {
        return working != null;
    }

    @Override
    public synchronized String getStatus() {
        return working == null ? "waiting" : "working in thread " + working;
    }

    /** The gate passed (approved, or timed out with "approve"). Called once, on a timer or web thread. */
    abstract void gatePassed(ApprovalGate settled) throws Exception;

    /** The subclass's own wait (a held window) is due, or its re-check interval passed; wake again with {@link #wakeAt}. */
    void wake(final Instant now) throws Exception {
        // nothing of its own to wait for
    }

    /** Asks the build's approvers; the answer arrives through {@link #answer}. */
    final synchronized void openGate(final String question, final ApprovalGate opened) throws IOException, InterruptedException {
        this.gate = opened;
        this.title = question;
        var run = getContext().get(Run.class);
        var listener = getContext().get(TaskListener.class);
        listener.getLogger().println("[approval] " + question + " " + opened.describe(DeployClock.now()));
        listener.getLogger().println("[approval] answer on " + approvalPage(run));
        Decisions.record(getContext(), "approval requested", question, opened.requester(), null, null);
        if (opened.deadline().isPresent()) {
            wakeAt(opened.deadline().get());
        }
        getContext().saveState();
    }

    /** Takes the question off the approval page without an answer, e.g. because the window opened. */
    final synchronized void closeGate() {
        gate = null;
        title = null;
    }

    final synchronized boolean gateOpen() {
        return gate != null;
    }

    /** Wakes this step at {@code at} (or earlier, at the re-check interval of {@link DeployClock}), also after a restart. */
    final synchronized void wakeAt(final Instant at) {
        wakeAt = at;
        arm();
    }

    /** Forgets any pending wake-up. */
    final synchronized void stopWaking() {
        wakeAt = null;
        arm();
    }

    private synchronized void arm() {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = wakeAt == null ? null
                : Timer.get().schedule(this::fire, DeployClock.delayUntil(wakeAt), TimeUnit.MILLISECONDS);
    }

    /**
     * A gate with a deadline waits only for that deadline; otherwise the subclass's own wait is due
     * (or its re-check interval passed) and {@link #wake} decides whether to wait again.
     */
    private void fire() {
        var now = DeployClock.now();
        try {
            synchronized (this) {
                timer = null;
                if (wakeAt == null) {
                    return;
                }
                if (gate != null && gate.deadline().isPresent()) {
                    if (gate.status(now) == ApprovalStatus.TIMED_OUT) {
                        wakeAt = null;
                        settle(now);
                    }
                    else {
                        arm();
                    }
                    return;
                }
                wakeAt = null;
            }
            wake(now);
        }
        catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    @Override
    public final synchronized void answer(final Approver who, final boolean approve, final String comment, final String ticket) {
        if (gate == null) {
            throw new InvalidInputException("approval refused: " + who.userId() + " answered a question that is settled");
        }
        var now = DeployClock.now();
        gate = approve ? gate.approve(who, now, comment, ticket) : gate.reject(who, now, comment);
        var given = gate.records().get(gate.records().size() - 1);
        try {
            Decisions.record(getContext(), given.approved() ? "approval" : "rejection",
                    title + ": " + gate.describe(now), who.userId(), given.comment(), given.ticket());
            getContext().get(TaskListener.class).getLogger().println("[approval] " + (given.approved() ? "approved" : "rejected")
                    + " by " + who.userId() + ": " + gate.describe(now));
            getContext().saveState();
            settle(now);
        }
        catch (Exception e) {
            LOGGER.log(Level.WARNING, "cannot record an answer on " + getContext(), e);
            getContext().onFailure(e);
        }
    }

    /** Once the gate is no longer pending: passed goes to the subclass, refused stops the build as aborted. */
    private void settle(final Instant now) throws Exception {
        var status = gate.status(now);
        if (status == ApprovalStatus.PENDING) {
            return;
        }
        var settled = gate;
        var question = title;
        closeGate();
        if (status == ApprovalStatus.TIMED_OUT) {
            Decisions.record(getContext(), "timeout", question + ": " + settled.describe(now), null, null, null);
        }
        if (settled.passed(now)) {
            gatePassed(settled);
        }
        else {
            getContext().onFailure(new FlowInterruptedException(Result.ABORTED, true,
                    new NotApproved(question + ": " + settled.describe(now))));
        }
    }

    /**
     * After a restart, work interrupted in a background thread fails the step (it may have been half
     * done on the hosts), unless {@link #repeatInterruptedWork} repeats it safely; then the timer is
     * set again for whatever the step was waiting for.
     */
    @Override
    public void onResume() {
        boolean interrupted;
        synchronized (this) {
            interrupted = working != null;
            working = null;
        }
        if (!repeatInterruptedWork() && interrupted) {
            getContext().onFailure(new SynchronousResumeNotSupportedException(getContext()));
        }
        synchronized (this) {
            arm();
        }
    }

    /** True when the subclass restarted work a restart interrupted because repeating it is harmless. */
    boolean repeatInterruptedWork() {
        return false;
    }

    @Override
    public void stop(final Throwable cause) throws Exception {
        synchronized (this) {
            stopCause = cause;
            if (task != null) {
                task.cancel(true);
            }
            if (timer != null) {
                timer.cancel(false);
            }
            wakeAt = null;
            closeGate();
        }
        super.stop(cause);
    }

    @Override
    public final String getGateId() {
        return gateId;
    }

    @Override
    public final synchronized String getTitle() {
        return title;
    }

    @Override
    public final synchronized String getState() {
        return gate == null ? null : gate.describe(DeployClock.now());
    }

    @Override
    public final synchronized boolean isCommentRequired() {
        return gate != null && gate.policy().commentRequired();
    }

    @Override
    public final synchronized boolean isTicketRequired() {
        return gate != null && gate.policy().ticketRequired();
    }

    @Override
    public final synchronized boolean isOpenToAnyone() {
        return gate != null && gate.policy().approvers().isEmpty();
    }

    /** The approvals given, for a step's result: plain lists and maps, which Pipeline keeps across restarts. */
    static List<Map<String, Object>> approvals(final ApprovalGate settled) {
        return settled.records().stream().filter(ApprovalRecord::approved).map(GateExecution::asMap)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static Map<String, Object> asMap(final ApprovalRecord r) {
        var map = new LinkedHashMap<String, Object>();
        map.put("user", r.userId());
        map.put("at", r.at().toString());
        map.put("comment", r.comment());
        map.put("ticket", r.ticket());
        return map;
    }

    static String approvalPage(final Run<?, ?> run) {
        return Notifier.buildPage(run) + ApprovalAction.URL_NAME + "/";
    }
}
