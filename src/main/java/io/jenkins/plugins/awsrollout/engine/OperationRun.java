package io.jenkins.plugins.awsrollout.engine;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.aws.Paced;
import io.jenkins.plugins.awsrollout.engine.timeline.TimelineEvent;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One operation in flight: the operation, its latest cursor, and the driver's own bookkeeping (abort in progress,
 * consecutive AWS troubles). Immutable and serializable; the Pipeline step persists it after every tick and the
 * freestyle builder keeps it in memory. {@link #tick} is the only place that decides between advancing, backing
 * off, timing out and aborting, so every step behaves the same way.
 *
 * @param <C> the cursor type
 */
public final class OperationRun<C extends Cursor> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(OperationRun.class.getName());

    /** Backoff while AWS throttles us or fails transiently, after the SDK's own retries. */
    static final Backoff TROUBLE = new Backoff(Duration.ofSeconds(2), 2, Duration.ofMinutes(1), 0.25);

    /** Starts the sentence of an abort path that ran past its deadline. */
    public static final String CLEANUP_LATE = "Cleanup did not finish in time";
    /** Starts the sentence of an abort path that AWS refused or that failed unexpectedly. */
    public static final String CLEANUP_FAILED = "Cleanup failed:";

    private final Operation<C> operation;
    private final C cursor;
    private final Instant startedAt;
    private final @CheckForNull AbortReason aborting;
    private final @CheckForNull String abortMessage;
    private final int abortTicks;
    private final int troubledTicks;

    private OperationRun(
            Operation<C> operation,
            C cursor,
            Instant startedAt,
            @CheckForNull AbortReason aborting,
            @CheckForNull String abortMessage,
            int abortTicks,
            int troubledTicks) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.cursor = Objects.requireNonNull(cursor, "cursor");
        this.startedAt = startedAt;
        this.aborting = aborting;
        this.abortMessage = abortMessage;
        this.abortTicks = abortTicks;
        this.troubledTicks = troubledTicks;
    }

    /** Starts {@code operation} at {@code now}; makes no AWS call. */
    public static <C extends Cursor> OperationRun<C> begin(Operation<C> operation, Instant now) {
        return new OperationRun<>(operation, operation.begin(now), now, null, null, 0, 0);
    }

    public Operation<C> operation() {
        return operation;
    }

    public C cursor() {
        return cursor;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public @CheckForNull AbortReason aborting() {
        return aborting;
    }

    /**
     * Whether the operation is on its abort path: the driver's ({@link #aborting()}: a stop, a deadline, an unexpected
     * error) or the engine's own wind-down after a failure ({@link Cursor#windingDown()}: a rollback, a cancel, a
     * bake's cleanup after a failure). Its undoing is then owed to the end, whatever happens to the step.
     */
    public boolean inAbortPath() {
        return aborting != null || cursor.windingDown();
    }

    /** The sentence the step fails with once its abort path is done; null while not aborting. */
    public @CheckForNull String abortMessage() {
        return abortMessage;
    }

    /**
     * Asks for the abort path; the next {@link #tick} starts it. {@code message} is the sentence the step fails
     * with once the abort is done. A second request while aborting changes nothing.
     */
    public OperationRun<C> abort(AbortReason reason, String message) {
        if (aborting != null) {
            return this;
        }
        return new OperationRun<>(operation, cursor, startedAt, reason, message, 0, 0);
    }

    /** What the operation waits for, for {@code getStatus()}. */
    public String status() {
        return (aborting == null ? "" : "aborting: ") + "waiting for " + cursor.waitingFor();
    }

    /** Does one tick: checks the deadline, then advances or aborts, and classifies what AWS said. */
    public Next<C> tick(TickContext context) {
        Instant now = context.now();
        if (aborting == null && now.isAfter(cursor.deadline())) {
            String message = operation.name() + " timed out after " + HumanDuration.of(Duration.between(startedAt, now))
                    + " waiting for " + cursor.waitingFor() + ".";
            context.progress().warn("TIMEOUT", message);
            return abort(AbortReason.DEADLINE, message).tick(context);
        }
        if (aborting != null && abortTicks > 0 && now.isAfter(cursor.deadline())) {
            return new Next.Ended<>(this, abortMessage + " " + CLEANUP_LATE + ": still waiting for "
                    + cursor.waitingFor() + ".", null, aborting);
        }
        if (aborting != null && abortTicks == 0) {
            context.progress().record(TimelineEvent.mark(now, "ABORT: " + abortMessage)); // timeline (issue #20)
        }
        try {
            Tick<C> tick = aborting == null
                    ? operation.advance(cursor, context)
                    : operation.abort(cursor, aborting, context);
            return afterTick(tick);
        } catch (Paced paced) {
            // The controller's pace (or AWS's throttling, which the engine retries itself): the same cursor again when
            // the bucket says, not an error, and no thread waits for it.
            Duration delay = Duration.between(now, paced.at());
            delay = delay.isNegative() ? Duration.ZERO : delay;
            if (paced.throttled()) {
                context.progress().warn("AWS", AwsFailure.of(paced.getCause()).sentence() + "; trying again in " + HumanDuration.of(delay) + ".");
            }
            return new Next.Again<>(new OperationRun<>(operation, cursor, startedAt, aborting, abortMessage,
                    aborting == null ? 0 : abortTicks + 1, troubledTicks), delay);
        } catch (RuntimeException e) {
            return afterError(e, context);
        }
    }

    private Next<C> afterTick(Tick<C> tick) {
        OperationRun<C> next = new OperationRun<>(
                operation, tick.cursor(), startedAt, aborting, abortMessage, aborting == null ? 0 : abortTicks + 1, 0);
        if (tick instanceof Tick.Again<C> again) {
            return new Next.Again<>(next, again.delay());
        }
        if (tick instanceof Tick.Done<C> done) {
            return aborting == null
                    ? new Next.Succeeded<>(next, done.result())
                    : new Next.Ended<>(next, abortMessage, null, aborting);
        }
        Tick.Failed<C> failed = (Tick.Failed<C>) tick;
        String message = aborting == null ? failed.message() : abortMessage + " " + failed.message();
        return new Next.Ended<>(next, message, null, aborting, failed.result());
    }

    private Next<C> afterError(RuntimeException e, TickContext context) {
        AwsFailure failure = AwsFailure.of(e);
        if (failure.retryable()) {
            Duration delay = TROUBLE.delay(troubledTicks, context.random());
            context.progress().warn("AWS", failure.sentence() + "; trying again in " + HumanDuration.of(delay) + ".");
            return new Next.Again<>(
                    new OperationRun<>(operation, cursor, startedAt, aborting, abortMessage, abortTicks, troubledTicks + 1),
                    delay);
        }
        boolean expected = e instanceof OperationFailedException || failure.kind() == AwsFailure.Kind.REJECTED;
        String message = e instanceof OperationFailedException
                ? e.getMessage()
                : expected ? failure.sentence() : "Unexpected error: " + e;
        if (!expected) {
            LOGGER.log(Level.WARNING, operation.name() + " failed unexpectedly", e);
        }
        if (aborting != null) {
            return new Next.Ended<>(this, abortMessage + " " + CLEANUP_FAILED + " " + message, expected ? null : e, aborting);
        }
        // One prefix, [step] ERROR: the failure, before the cleanup that follows it.
        context.progress().report("ERROR", message);
        // Whatever is in flight is cleaned up before the step fails; the cursor is saved first.
        return new Next.Again<>(abort(AbortReason.FAILED, message.endsWith(".") ? message : message + "."), Duration.ZERO);
    }

    /**
     * What to do after a tick.
     *
     * @param <C> the cursor type
     */
    public sealed interface Next<C extends Cursor> {

        /** The run to persist. */
        OperationRun<C> run();

        /** Tick again after {@code delay}. */
        record Again<C extends Cursor>(OperationRun<C> run, Duration delay) implements Next<C> {}

        /** The operation succeeded; {@code result} is the step's return value. */
        record Succeeded<C extends Cursor>(OperationRun<C> run, Map<String, Object> result) implements Next<C> {}

        /**
         * The operation is over without success. {@code message} is the one sentence to fail with; {@code cause}
         * is set only for unexpected errors; {@code abortReason} says whether an abort path ran (and why);
         * {@code result}, when the operation gave one, describes the end state (a step with {@code failOnError: false}
         * returns it).
         */
        record Ended<C extends Cursor>(
                OperationRun<C> run,
                String message,
                @CheckForNull Throwable cause,
                @CheckForNull AbortReason abortReason,
                @CheckForNull Map<String, Object> result)
                implements Next<C> {

            public Ended(OperationRun<C> run, String message, @CheckForNull Throwable cause, @CheckForNull AbortReason abortReason) {
                this(run, message, cause, abortReason, null);
            }
        }
    }
}
