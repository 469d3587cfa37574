package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrollout.config.AwsConnection;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.Progress;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
 *       operation, saves the execution ({@code saveState()}), and schedules the next tick.
 *   <li>{@link #onResume()} re-arms from the saved cursor after a controller restart.
 *   <li>{@link #stop} runs the operation's abort path in AWS, then fails the step with the stop cause.
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

    private final String functionName;
    private final AwsConnection connection;
    private @CheckForNull DurableOperation<? extends C> operation;
    private volatile boolean stopRequested;
    /** A stop request the ticks have not picked up yet: the next tick runs at once (later ones keep their delays). */
    private volatile boolean stopPending;
    private @CheckForNull Throwable stopCause;
    private volatile @CheckForNull String lastStatus;
    private volatile boolean finished;
    /** Guards scheduling and stop requests; never held during AWS calls (ticks synchronize on the execution). */
    private final Object[] scheduling = new Object[0];

    private transient volatile @CheckForNull Future<?> nextTick;
    private transient volatile @CheckForNull StepRuntime runtime;

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
            stopRequested = true;
            stopPending = true;
            stopCause = cause;
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
                nextTick = runtime().schedule(this::tick, stopPending ? Duration.ZERO : delay);
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
        try {
            PrintStream log = getContext().get(TaskListener.class).getLogger();
            Progress progress = new LogProgress(functionName, log, line -> lastStatus = line);
            if (operation == null && stopRequested) {
                finish(null, stopCause, null);
                return;
            }
            if (operation == null) {
                operation = begin();
            }
            if (stopRequested) {
                stopPending = false;
                operation.requestAbort(AbortReason.STOPPED, operation.run().operation().name() + " was stopped.");
            }
            OperationRun.Next<? extends C> next = operation.tick(runtime(), getContext().get(Run.class), progress);
            getContext().saveState();
            handle(next, log);
        } catch (OperationFailedException e) {
            finish(null, new AbortException(e.getMessage()), null);
        } catch (AbortException e) {
            finish(null, e, null);
        } catch (Throwable t) {
            LOGGER.log(Level.WARNING, functionName + " tick failed", t);
            finish(null, t, null);
        }
    }

    private DurableOperation<? extends C> begin() throws Exception {
        StepRuntime rt = runtime();
        EnvVars env = getContext().get(EnvVars.class);
        Map<String, String> vars = env == null ? Map.of() : env;
        AwsDefaults defaults = rt.defaults();
        Operation<? extends C> op = createOperation(vars, defaults);
        return durable(connection.resolve(defaults, vars), op, rt.clock().instant());
    }

    private static <X extends Cursor> DurableOperation<X> durable(AwsTarget target, Operation<X> op, Instant now) {
        return new DurableOperation<>(target, OperationRun.begin(op, now));
    }

    private void handle(OperationRun.Next<?> next, PrintStream log) {
        if (next instanceof OperationRun.Next.Again<?> again) {
            schedule(again.delay());
        } else if (next instanceof OperationRun.Next.Succeeded<?> succeeded) {
            finish(succeeded.result(), null, null);
        } else {
            OperationRun.Next.Ended<?> ended = (OperationRun.Next.Ended<?>) next;
            if (ended.abortReason() == AbortReason.STOPPED && stopCause != null) {
                log.println("[" + functionName + "] " + ended.message());
                finish(null, stopCause, null);
            } else if (ended.cause() != null) {
                finish(null, ended.cause(), ended.message());
            } else {
                finish(null, new AbortException(ended.message()), null);
            }
        }
    }

    private void finish(@CheckForNull Map<String, Object> result, @CheckForNull Throwable failure, @CheckForNull String logLine) {
        finished = true;
        nextTick = null;
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
