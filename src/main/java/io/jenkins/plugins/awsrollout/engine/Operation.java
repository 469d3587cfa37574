package io.jenkins.plugins.awsrollout.engine;

import java.io.Serializable;
import java.time.Instant;

/**
 * A long AWS operation (bake, rollout, registration, deployment) as a resumable state machine:
 * {@code begin -> advance* -> done}, with an abort path.
 *
 * <p>An operation is immutable and {@link Serializable}: it holds the validated request and nothing else,
 * and all progress lives in the cursor. {@link #advance} does one bounded piece of work (a few AWS calls)
 * and says when to come back; nothing blocks or sleeps. Every mutation is idempotent: ids and client tokens
 * go into a cursor that is saved <em>before</em> the call that uses them, so a tick replayed after a
 * controller restart never creates, terminates or deploys twice.
 *
 * @param <C> the cursor type
 */
public interface Operation<C extends Cursor> extends Serializable {

    /** What this operation does, as the subject of a sentence: {@code "Rollout of Auto Scaling group web"}. */
    String name();

    /** The first cursor, with the deadline computed from {@code now}. Makes no AWS call. */
    C begin(Instant now);

    /** One bounded step forward. An unexpected exception makes the driver run {@link #abort} with {@link AbortReason#FAILED}. */
    Tick<C> advance(C cursor, TickContext context);

    /**
     * One bounded step of undoing or stopping what is in flight (cancel or roll back the refresh, stop the
     * deployment, terminate the builder and delete temporary resources). The driver calls it first with the
     * cursor as it was when the abort started, then again with each cursor it returns, until it returns a
     * final tick. An operation entering its abort path sets a fresh deadline for it in the cursor.
     */
    Tick<C> abort(C cursor, AbortReason reason, TickContext context);
}
