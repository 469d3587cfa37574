package io.jenkins.plugins.awsrollout.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrollout.config.AwsConnection;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.AwsFailure;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.Progress;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The one durable execution every long aws-rollout step extends.
 *
 * <ul>
 *   <li>{@link #start()} schedules the first tick and returns {@code false}: no network I/O on the Pipeline thread.
 *   <li>Each tick runs on the plugin's worker pool, resolves credentials by id, lets the engine advance the
 *       operation, saves the execution ({@code saveState()}) when the cursor changed, and schedules the next tick.
 *   <li>{@link #onResume()} re-arms from the saved cursor after a controller restart.
 *   <li>The first {@link #stop} starts the operation's abort path in AWS; the step keeps reporting it and then fails
 *       with the stop cause. A second stop, or the step's context ended by force ({@code timeout}'s grace period),
 *       hands the abort path over to the {@link CleanupLedger} and completes the step at once with a sentence naming
 *       what is still being cleaned up and where to watch it.
 *   <li>Once the operation is on its abort path ({@link OperationRun#inAbortPath()}), the step holds it in the
 *       {@link CleanupLedger} under a lease, written before the step acts and renewed with each new cursor (and when
 *       half of it is spent), and removes it when the abort path ends. Should the step vanish without a hand-over (a
 *       controller killed hard, a build that never resumes), the lease expires and the ledger finishes the job; a step
 *       that comes back after that completes at once, without acting in AWS.
 *   <li>A failure outside the engine during a tick is never dropped: a transient one (the build log cannot be
 *       opened, the program cannot be saved, AWS throttles) is retried with backoff; a permanent one (the
 *       credentials are gone) turns into the abort path, run with the global connection.
 *   <li>{@link #getStatus()} shows the last progress line.
 * </ul>
 *
 * The persisted state is the step's parameters, the resolved target and the {@link OperationRun}: ids, counters and
 * deadlines, never a credential.
 *
 * @param <C> the cursor type
 */
public abstract class OperationExecution<C extends Cursor> extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(OperationExecution.class.getName());

    /** Backoff while something outside the engine fails: the log, the save, the session. */
    static final Backoff TROUBLE = new Backoff(Duration.ofSeconds(2), 2, Duration.ofMinutes(1), 0.25);
    /** How many ticks in a row may fail outside the engine before the step gives its operation to the ledger. */
    static final int MAX_TROUBLES = 8;
    /** Where administrators watch cleanups the ledger took over. */
    public static final String WATCH = CleanupLedger.WATCH;
    /** While the step holds a lease, it wakes at least this often, so that the lease never runs out while it waits. */
    static final Duration LEASE_WAKE = CleanupLedger.LEASE.dividedBy(4);

    private final String functionName;
    private final AwsConnection connection;
    private @CheckForNull DurableOperation<? extends C> operation;
    private volatile boolean stopRequested;
    /** A stop request the ticks have not picked up yet: the next tick runs at once (later ones keep their delays). */
    private volatile boolean stopPending;
    /** A second stop: hand the abort path over and complete now. */
    private volatile boolean forcedEnd;
    private @CheckForNull Throwable stopCause;
    private volatile @CheckForNull String lastStatus;
    private volatile boolean finished;
    /** Whether this call's result is on the build already. */
    private volatile boolean resultRecorded;
    /** The build's externalizable id and URL, fixed at the first tick: the ledger needs them once the step is gone. */
    private @CheckForNull String buildId;
    private @CheckForNull String buildUrl;
    /** Whether the engine ticked at least once: from then on AWS may hold something of the step's. */
    private boolean engineTicked;
    /** Ticks in a row that failed outside the engine. */
    private int troubles;
    /** The last save failed; the next tick saves before it does anything else. */
    private boolean unsaved;
    /** Why the build's credentials could not be used any more: the abort path then runs with the global connection. */
    private @CheckForNull String credentialsGone;
    /** This call's entry in the cleanup ledger, chosen before anything happens in AWS (null in state saved before). */
    private @CheckForNull String leaseId;
    /** The generation of the ledger entry this step holds while on its abort path; 0 while it holds none. */
    private volatile long leaseGeneration;
    /** When the lease runs out unless renewed. */
    private @CheckForNull Instant leaseUntil;
    /** Guards scheduling and stop requests; never held during AWS calls (ticks synchronize on the execution). */
    private final Object[] scheduling = new Object[0];

    private transient volatile @CheckForNull Future<?> nextTick;
    private transient volatile @CheckForNull StepRuntime runtime;
    /**
     * The step's log as last reached in this controller session: Pipeline keeps a step's log writable until the build
     * ends, so the ledger can still report there after the step's context was ended by force.
     */
    private transient volatile @CheckForNull TaskListener lastListener;
    /** The run as last saved in this controller session (null: save at the next tick). */
    private transient @CheckForNull OperationRun<?> lastSaved;

    protected OperationExecution(StepContext context, String functionName, AwsConnection connection) {
        super(context);
        this.functionName = functionName;
        this.connection = connection;
    }

    /**
     * Builds the operation from the step's parameters: validation and expansion only, no AWS call. A bad value
     * throws {@link OperationFailedException} naming the field and the value, before anything changes in AWS.
     */
    protected abstract Operation<? extends C> createOperation(Map<String, String> env, AwsDefaults defaults);

    /** Whether a failure in AWS fails the step ({@code true}) or is returned as the step's map with its reason. */
    protected boolean failOnError() {
        return true;
    }

    @Override
    public final boolean start() {
        lastStatus = "starting";
        schedule(Duration.ZERO);
        return false;
    }

    @Override
    public final void onResume() {
        if (!finished) {
            schedule(Duration.ZERO);
        }
    }

    @Override
    public final void stop(@NonNull Throwable cause) {
        synchronized (scheduling) {
            if (finished) {
                return;
            }
            if (stopRequested) {
                forcedEnd = true;
            } else {
                stopRequested = true;
                stopCause = cause;
            }
            stopPending = true;
            Future<?> pending = nextTick;
            if (pending == null || pending.cancel(false)) {
                schedule(Duration.ZERO);
            }
            // Otherwise a tick is running now; it sees the request and reschedules at once.
        }
    }

    @Override
    public final @CheckForNull String getStatus() {
        return lastStatus;
    }

    /** The state to inspect in tests: null until the first tick. */
    final @CheckForNull DurableOperation<? extends C> operation() {
        return operation;
    }

    // ---- timeline (issue #20) ----
    /** The step call's timeline record, or null before the first tick. */
    @CheckForNull
    public final io.jenkins.plugins.awsrollout.engine.timeline.Timeline timeline() {
        DurableOperation<? extends C> current = operation;
        return current == null ? null : current.timeline();
    }
    // ---- end timeline ----

    private void schedule(Duration delay) {
        synchronized (scheduling) {
            if (!finished) {
                Duration wait = stopPending ? Duration.ZERO : delay;
                if (leaseGeneration != 0 && wait.compareTo(LEASE_WAKE) > 0) {
                    wait = LEASE_WAKE;
                }
                nextTick = runtime().schedule(this::tick, wait);
            }
        }
    }

    private StepRuntime runtime() {
        StepRuntime current = runtime;
        if (current == null) {
            try {
                current = getContext().get(StepRuntime.class);
            } catch (Exception e) {
                LOGGER.log(Level.FINE, "no StepRuntime in the step context", e);
            }
            runtime = current = current != null ? current : JenkinsStepRuntime.get();
        }
        return current;
    }

    private synchronized void tick() {
        if (finished) {
            return;
        }
        TaskListener listener;
        Run<?, ?> build;
        try {
            listener = getContext().get(TaskListener.class);
            if (listener == null) {
                throw new IOException("the step has no build log");
            }
            build = getContext().get(Run.class);
        } catch (IOException | InterruptedException | RuntimeException e) {
            contextUnreachable(e);
            return;
        }
        lastListener = listener;
        PrintStream log = listener.getLogger();
        Progress progress = new LogProgress(functionName, log, line -> lastStatus = line);
        try {
            if (operation == null && stopRequested) {
                finish(null, stopCause, null);
                return;
            }
            if (operation == null) {
                operation = begin(build);
            }
            if (forcedEnd && engineTicked) {
                handOver(listener, "was stopped again");
                return;
            }
            if (stopRequested) {
                stopPending = false;
                operation.requestAbort(AbortReason.STOPPED, operation.run().operation().name() + " was stopped.");
            }
            if (unsaved && !save(progress)) {
                scheduleAfterTrouble();
                return;
            }
            // On the abort path the ledger holds the latest cursor before the step acts; once the ledger drives it
            // (the lease expired while the step was away), the step must not act in AWS again.
            if (!keepLease(false)) {
                takenOver(listener);
                return;
            }
            OperationRun.Next<? extends C> next = credentialsGone == null
                    ? operation.tick(runtime(), build, progress)
                    : operation.tick(runtime(), build, this::globalCredentials, progress);
            engineTicked = true;
            troubles = 0;
            boolean changed = CursorChange.changed(lastSaved, next.run());
            if (!(next instanceof OperationRun.Next.Again<?>)) {
                releaseLease();
            } else if (!keepLease(changed)) {
                takenOver(listener);
                return;
            }
            boolean saved = !changed || save(progress);
            if (!saved && next instanceof OperationRun.Next.Again<?>) {
                scheduleAfterTrouble();
                return;
            }
            handle(next, log);
        } catch (OperationFailedException e) {
            finish(null, new AbortException(e.getMessage()), null);
        } catch (AbortException e) {
            credentialsFailed(e, progress, listener);
        } catch (Throwable t) {
            failedOutsideTheEngine(t, progress, listener);
        }
    }

    /**
     * The build's credentials cannot be used (deleted, no longer permitted): before any AWS call the step fails;
     * afterwards what is in flight is undone with the global connection, and the step fails once that is done.
     */
    private void credentialsFailed(AbortException e, Progress progress, TaskListener listener) {
        if (!engineTicked) {
            finish(null, e, null);
            return;
        }
        if (credentialsGone != null) {
            // The global connection failed as well: keep trying, then let the ledger keep trying.
            failedOutsideTheEngine(e, progress, listener);
            return;
        }
        credentialsGone = e.getMessage();
        String name = operation.run().operation().name();
        progress.warn("CREDENTIALS", sentenceWithoutStop(e.getMessage()) + "; undoing what " + name
                + " started with the global connection (Manage Jenkins » System » AWS Rollout).");
        operation.requestAbort(AbortReason.FAILED, name + " could not go on: " + sentenceWithoutStop(e.getMessage()) + ".");
        schedule(Duration.ZERO);
    }

    /** An unexpected failure outside the engine: retried while transient, else the abort path; never dropped. */
    private void failedOutsideTheEngine(Throwable t, Progress progress, TaskListener listener) {
        AwsFailure failure = AwsFailure.of(t);
        if (!engineTicked && !failure.retryable()) {
            LOGGER.log(Level.WARNING, functionName + " tick failed", t);
            finish(null, t, null);
            return;
        }
        if (!failure.retryable() && operation.run().aborting() == null) {
            LOGGER.log(Level.WARNING, functionName + " tick failed", t);
            String message = "Unexpected error: " + t;
            progress.warn("ERROR", message);
            operation.requestAbort(AbortReason.FAILED, sentenceWithoutStop(message) + ".");
            schedule(Duration.ZERO);
            return;
        }
        troubles++;
        if (troubles > MAX_TROUBLES) {
            LOGGER.log(Level.WARNING, functionName + " cleanup keeps failing; handing it to the cleanup ledger", t);
            handOver(listener, "could not finish its cleanup itself (" + sentenceWithoutStop(describe(t, failure)) + ")");
            return;
        }
        Duration delay = TROUBLE.delay(troubles - 1, runtime().random());
        progress.warn(failure.retryable() ? "AWS" : "CLEANUP", sentenceWithoutStop(describe(t, failure))
                + "; trying again in " + HumanDuration.of(delay) + ".");
        schedule(delay);
    }

    /**
     * The step's context cannot be reached: its log cannot be opened, or Pipeline ended the step by force (its
     * context completed, so every {@code get} fails). While stopping, that is the forced end: the ledger takes over.
     * Otherwise it is retried with backoff, and if it lasts the operation is aborted through the ledger.
     */
    private void contextUnreachable(Exception e) {
        if (operation == null || !engineTicked) {
            LOGGER.log(Level.WARNING, functionName + ": the step's context cannot be reached before anything started", e);
            finish(null, e, null);
            return;
        }
        if (stopRequested) {
            handOver(null, "was ended by force while cleaning up");
            return;
        }
        troubles++;
        if (troubles > MAX_TROUBLES) {
            operation.requestAbort(AbortReason.FAILED, operation.run().operation().name()
                    + " could not go on: the build's log could not be opened (" + sentenceWithoutStop(String.valueOf(e.getMessage())) + ").");
            handOver(null, "could not reach its build log");
            return;
        }
        Duration delay = TROUBLE.delay(troubles - 1, runtime().random());
        LOGGER.log(Level.WARNING, "{0}: cannot open the build log ({1}); trying again in {2}",
                new Object[] {functionName, e.getMessage(), HumanDuration.of(delay)});
        schedule(delay);
    }

    /**
     * Hands the abort path to the cleanup ledger and completes the step at once, saying what is still being cleaned
     * up and where to watch it. {@code listener} is the step's log, or null when it cannot be reached any more (the
     * ledger then writes the sentence to the build's log, through the listener last seen, or the system log).
     */
    private void handOver(@CheckForNull TaskListener listener, String why) {
        DurableOperation<? extends C> op = operation;
        String name = op.run().operation().name();
        if (op.run().aborting() == null) {
            op.requestAbort(AbortReason.STOPPED, name + " was stopped.");
        }
        String sentence = name + " " + why + " and is still being cleaned up (" + op.run().status()
                + "); the AWS Rollout cleanup ledger finishes it, watch it under " + WATCH + ".";
        // The entry the step holds becomes the ledger's (or is made now, when the step held none yet).
        runtime().ledger().handOver(leaseId(), leaseGeneration, functionName, buildId, buildUrl, op,
                listener != null ? listener : lastListener, listener == null ? sentence : null);
        if (listener != null) {
            listener.getLogger().println("[" + functionName + "] " + sentence);
        }
        // When Pipeline already ended the context by force, this second outcome is ignored (as Pipeline does); when
        // only its log could not be reached, it ends the step.
        finish(null, stopCause != null ? stopCause : new AbortException(sentence), null);
    }

    private String leaseId() {
        if (leaseId == null) {
            leaseId = UUID.randomUUID().toString();
        }
        return leaseId;
    }

    /**
     * Keeps this step's lease on its abort path: writes the ledger entry when the abort path starts (or finds the one
     * a tick wrote before a restart), renews it when the cursor changed or half the lease is spent, and otherwise only
     * checks in memory that the ledger did not take it over. Returns false when the ledger drives it now.
     */
    private boolean keepLease(boolean cursorChanged) {
        CleanupLedger ledger = runtime().ledger();
        String id = leaseId();
        if (leaseGeneration == 0 && !operation.run().inAbortPath() && !ledger.knows(id)) {
            return true;
        }
        Instant now = runtime().clock().instant();
        boolean due = leaseGeneration == 0 || cursorChanged || leaseUntil == null
                || !now.isBefore(leaseUntil.minus(CleanupLedger.LEASE.dividedBy(2)));
        if (!due) {
            return ledger.holds(id, leaseGeneration);
        }
        long held = ledger.hold(id, leaseGeneration, functionName, buildId, buildUrl, operation);
        if (held == 0) {
            return false;
        }
        leaseGeneration = held;
        leaseUntil = now.plus(CleanupLedger.LEASE);
        return true;
    }

    /** The operation ended and the step reports it: its ledger entry goes. */
    private void releaseLease() {
        if (leaseGeneration != 0 && !runtime().ledger().release(leaseId(), leaseGeneration)) {
            LOGGER.log(Level.WARNING, "{0}: the cleanup ledger took over {1} during the step''s last tick",
                    new Object[] {functionName, operation.run().operation().name()});
        }
        leaseGeneration = 0;
        leaseUntil = null;
    }

    /**
     * The ledger took this abort path over while the step was away (its lease expired: a controller killed hard, a
     * build resumed late): the step completes at once, without acting in AWS, and says where to watch the cleanup.
     */
    private void takenOver(@CheckForNull TaskListener listener) {
        String sentence = operation.run().operation().name() + " is being cleaned up by the AWS Rollout cleanup ledger,"
                + " which took it over while this step was away; watch it under " + WATCH + ".";
        if (listener != null) {
            listener.getLogger().println("[" + functionName + "] " + sentence);
        }
        finish(null, stopCause != null ? stopCause : new AbortException(sentence), null);
    }

    /** Saves the program; a failure is reported and retried with backoff, never dropped. */
    private boolean save(Progress progress) {
        try {
            ListenableFuture<Void> saving = getContext().saveState();
            if (saving.isDone()) {
                saving.get();
            } else {
                OperationRun<?> saved = operation.run();
                Futures.addCallback(saving, new FutureCallback<Void>() {
                    @Override
                    public void onSuccess(Void result) {}

                    @Override
                    public void onFailure(@NonNull Throwable t) {
                        LOGGER.log(Level.WARNING, functionName + ": saving the program failed; saving again", t);
                        markUnsaved(saved);
                    }
                }, MoreExecutors.directExecutor());
            }
            unsaved = false;
            lastSaved = operation.run();
            return true;
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            unsaved = true;
            lastSaved = null;
            troubles++;
            if (troubles <= MAX_TROUBLES) {
                progress.warn("SAVE", "could not save the build's state (" + cause.getMessage() + "); trying again in "
                        + HumanDuration.of(TROUBLE.delay(troubles - 1, runtime().random())) + ".");
            }
            return false;
        }
    }

    private synchronized void markUnsaved(OperationRun<?> saved) {
        if (lastSaved == saved) {
            unsaved = true;
            lastSaved = null;
        }
    }

    private void scheduleAfterTrouble() {
        if (troubles > MAX_TROUBLES) {
            // The step cannot keep its state: the ledger keeps it instead.
            if (operation.run().aborting() == null) {
                operation.requestAbort(AbortReason.FAILED, operation.run().operation().name()
                        + " could not go on: the build's state could not be saved.");
            }
            handOver(listenerOrNull(), "could not save its state");
            return;
        }
        schedule(TROUBLE.delay(troubles - 1, runtime().random()));
    }

    private @CheckForNull TaskListener listenerOrNull() {
        try {
            return getContext().get(TaskListener.class);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return null;
        }
    }

    private software.amazon.awssdk.auth.credentials.AwsCredentialsProvider globalCredentials() throws IOException {
        return runtime().credentials(runtime().defaults().credentialsId(), null);
    }

    private static String describe(Throwable t, AwsFailure failure) {
        return failure.kind() == AwsFailure.Kind.OTHER ? String.valueOf(t.getMessage()) : failure.sentence();
    }

    private static String sentenceWithoutStop(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    private DurableOperation<? extends C> begin(@CheckForNull Run<?, ?> build) throws Exception {
        StepRuntime rt = runtime();
        EnvVars env = getContext().get(EnvVars.class);
        Map<String, String> vars = env == null ? Map.of() : env;
        if (build != null) {
            buildId = build.getExternalizableId();
        } else if (vars.containsKey("JOB_NAME") && vars.containsKey("BUILD_NUMBER")) {
            buildId = vars.get("JOB_NAME") + "#" + vars.get("BUILD_NUMBER");
        }
        buildUrl = vars.get("BUILD_URL");
        leaseId = UUID.randomUUID().toString();
        AwsDefaults defaults = rt.defaults();
        Operation<? extends C> op = createOperation(vars, defaults);
        return durable(connection.resolve(defaults, vars, getContext().get(Run.class)), op, rt.clock().instant());
    }

    private static <X extends Cursor> DurableOperation<X> durable(AwsTarget target, Operation<X> op, Instant now) {
        return new DurableOperation<>(target, OperationRun.begin(op, now));
    }

    private void handle(OperationRun.Next<?> next, PrintStream log) {
        if (next instanceof OperationRun.Next.Again<?> again) {
            schedule(again.delay());
        } else if (next instanceof OperationRun.Next.Succeeded<?> succeeded) {
            finish(recorded(StepOutcome.succeeded(succeeded.result())), null, null);
        } else {
            OperationRun.Next.Ended<?> ended = (OperationRun.Next.Ended<?>) next;
            Map<String, Object> failed = recorded(StepOutcome.failed(ended.result(), ended.message(), ended.abortReason()));
            if (!failOnError() && !StepOutcome.alwaysFails(ended.abortReason(), ended.cause())) {
                log.println("[" + functionName + "] " + ended.message() + " (failOnError: false, returning status "
                        + failed.get("status") + ")");
                finish(failed, null, null);
            } else if (ended.abortReason() == AbortReason.STOPPED && stopCause != null) {
                log.println("[" + functionName + "] " + ended.message());
                finish(null, stopCause, null);
            } else if (ended.cause() != null) {
                finish(null, ended.cause(), ended.message());
            } else {
                finish(null, new AbortException(ended.message()), null);
            }
        }
    }

    /** Keeps {@code map} on the build, where the build page and the rest of the build see it. */
    private Map<String, Object> recorded(Map<String, Object> map) {
        resultRecorded = true;
        try {
            StepOutcome.record(runtime(), getContext().get(Run.class), functionName, map);
        } catch (Exception e) {
            LOGGER.log(Level.FINE, "no build to record the result on", e);
        }
        return map;
    }

    private void finish(@CheckForNull Map<String, Object> result, @CheckForNull Throwable failure, @CheckForNull String logLine) {
        finished = true;
        nextTick = null;
        if (!resultRecorded && failure != null) {
            // Failed before the operation ended (invalid parameters, a stop before the first tick): still one result.
            recorded(StepOutcome.failed(null, String.valueOf(failure.getMessage()), null));
        }
        if (logLine != null) {
            try {
                getContext().get(TaskListener.class).getLogger().println("[" + functionName + "] " + logLine);
            } catch (Exception e) {
                LOGGER.log(Level.FINE, "could not log", e);
            }
        }
        if (failure == null) {
            getContext().onSuccess(result);
        } else {
            getContext().onFailure(failure);
        }
    }
}
