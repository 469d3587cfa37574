package io.jenkins.plugins.awsrollout.engine;

import java.io.Serializable;
import java.time.Instant;

/**
 * The whole progress of one {@link Operation}: AWS ids, phase, counters and an absolute deadline.
 *
 * <p>Implementations are immutable records. They are persisted with the build (Java serialization) after
 * every tick, so they hold only plain values: never a client, a credential or a secret.
 */
public interface Cursor extends Serializable {

    /** When the current phase must be finished; the driver aborts the operation once it has passed. */
    Instant deadline();

    /**
     * What the operation is waiting for right now, completing the sentence "waiting for ...", for example
     * {@code "instance refresh 08b91ca1 on web to finish (40% complete)"}. Used in status and timeout messages.
     */
    String waitingFor();

    /**
     * Whether the operation is winding down on its own, short of success: a rollback or cancel the engine started
     * after a failure (the driver's own abort path is {@link OperationRun#aborting()}). From then on its undoing is
     * owed to the end, so the step holds a lease on it in the cleanup ledger ({@link OperationRun#inAbortPath()}).
     */
    default boolean windingDown() {
        return false;
    }
}
