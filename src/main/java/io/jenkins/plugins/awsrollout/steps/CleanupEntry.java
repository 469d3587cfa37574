package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One abort path the {@link CleanupLedger} knows of: an operation whose undoing must reach its end, whatever happens
 * to its step. While the step drives it, the step holds the entry under a lease ({@link Holder#STEP}, {@code
 * leaseUntil}), renewed as it goes, and keeps its cursor current; once the step hands it over, or its lease expires,
 * the ledger drives it ({@link Holder#LEDGER}). Immutable; every change replaces the entry. The operation itself
 * ({@code state}) is kept Java-serialized, exactly as Pipeline would have kept it with the step, and holds no secret.
 *
 * @param id the entry's id (a random UUID)
 * @param functionName the step, e.g. {@code awsAsgRollout}
 * @param buildId the build's externalizable id ({@code folder/job#12}), or null when unknown
 * @param buildUrl the build's URL, or null
 * @param what what is being cleaned up, e.g. {@code "Rollout of web"}
 * @param status the last progress line
 * @param deadline when the cleanup must be over
 * @param lastError the last failure outside AWS's answers, or null
 * @param handedOverAt when the ledger took it over (while the step holds it: when the step wrote it)
 * @param stage pending, finished, failed or given up
 * @param outcome the sentence the cleanup ended with, or null while pending
 * @param finishedAt when it ended, or null while pending
 * @param globalConnection whether the ledger had to fall back to the global connection (and said so)
 * @param state the Java-serialized {@link DurableOperation}
 * @param holder who drives it: the step (under a lease) or the ledger
 * @param generation how many times its holder changed: a change of holder is a compare-and-set on holder and generation
 * @param leaseUntil while the step holds it, when its lease expires and the ledger takes it over; else null
 * @param connection where it runs, for people: region, credentials id, role (never a secret)
 */
public record CleanupEntry(
        String id,
        String functionName,
        @CheckForNull String buildId,
        @CheckForNull String buildUrl,
        String what,
        String status,
        Instant deadline,
        @CheckForNull String lastError,
        Instant handedOverAt,
        Stage stage,
        @CheckForNull String outcome,
        @CheckForNull Instant finishedAt,
        boolean globalConnection,
        byte[] state,
        @CheckForNull Holder holder,
        long generation,
        @CheckForNull Instant leaseUntil,
        @CheckForNull String connection)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where a cleanup stands. */
    public enum Stage {
        /** The ledger still drives it. */
        PENDING,
        /** Its abort path reached its end. */
        FINISHED,
        /** Its abort path failed or ran past its deadline: an administrator must look at what is left. */
        FAILED,
        /** An administrator gave it up; whatever was left stays as it is. */
        GIVEN_UP
    }

    /** Who drives a pending entry. */
    public enum Holder {
        /** The step runs its abort path itself and renews its lease; the ledger only watches the lease. */
        STEP,
        /** The ledger drives it: handed over by the step, or taken over when the step's lease expired. */
        LEDGER
    }

    /** An entry the ledger drives (as every entry was before steps held leases). */
    public CleanupEntry(String id, String functionName, @CheckForNull String buildId, @CheckForNull String buildUrl,
            String what, String status, Instant deadline, @CheckForNull String lastError, Instant handedOverAt,
            Stage stage, @CheckForNull String outcome, @CheckForNull Instant finishedAt, boolean globalConnection,
            byte[] state) {
        this(id, functionName, buildId, buildUrl, what, status, deadline, lastError, handedOverAt, stage, outcome,
                finishedAt, globalConnection, state, Holder.LEDGER, 0, null, null);
    }

    public CleanupEntry {
        // Entries saved before leases existed were all driven by the ledger.
        holder = holder == null ? Holder.LEDGER : holder;
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(state, "state");
    }

    public boolean pending() {
        return stage == Stage.PENDING;
    }

    /** Pending and driven by its step under a lease. */
    public boolean held() {
        return stage == Stage.PENDING && holder == Holder.STEP;
    }

    /** Held by its step, whose lease ran out by {@code now}: the ledger takes it over. */
    public boolean leaseExpired(Instant now) {
        return held() && (leaseUntil == null || !now.isBefore(leaseUntil));
    }

    /**
     * Whether an administrator may give it up: the ledger drives it, or its step's lease expired (a step that still
     * runs its own abort path is stopped through its build instead).
     */
    public boolean canGiveUp(Instant now) {
        return stage == Stage.PENDING && (holder == Holder.LEDGER || leaseExpired(now));
    }

    /** Pending past its deadline, or failed: the administrative monitor shows it. */
    public boolean needsAttention(Instant now) {
        return stage == Stage.FAILED || (stage == Stage.PENDING && now.isAfter(deadline));
    }

    /** The build as people name it: {@code web-deploy #12}, or "a deleted build". */
    public String buildName() {
        return buildId == null ? "an unknown build" : buildId.replace("#", " #");
    }

    CleanupEntry progressed(String newStatus, Instant newDeadline, @CheckForNull String error, boolean global, byte[] newState) {
        return new CleanupEntry(id, functionName, buildId, buildUrl, what, newStatus, newDeadline, error, handedOverAt,
                stage, outcome, finishedAt, global, newState, holder, generation, leaseUntil, connection);
    }

    CleanupEntry ended(Stage newStage, String sentence, Instant at, byte[] newState) {
        return new CleanupEntry(id, functionName, buildId, buildUrl, what, status, deadline, lastError, handedOverAt,
                newStage, sentence, at, globalConnection, newState, holder, generation, leaseUntil, connection);
    }

    /** The step's latest cursor and a fresh lease. */
    CleanupEntry renewed(String newStatus, Instant newDeadline, byte[] newState, Instant newLeaseUntil) {
        return new CleanupEntry(id, functionName, buildId, buildUrl, what, newStatus, newDeadline, lastError, handedOverAt,
                stage, outcome, finishedAt, globalConnection, newState, holder, generation, newLeaseUntil, connection);
    }

    /** The ledger drives it from now on: the next generation, no lease. */
    CleanupEntry toLedger(Instant at, String newStatus, Instant newDeadline, byte[] newState) {
        return new CleanupEntry(id, functionName, buildId, buildUrl, what, newStatus, newDeadline, lastError, at,
                stage, outcome, finishedAt, globalConnection, newState, Holder.LEDGER, generation + 1, null, connection);
    }
}
