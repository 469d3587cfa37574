package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One cleanup the {@link CleanupLedger} owns: an operation whose abort path must reach its end after its step is
 * gone. Immutable; the ledger replaces an entry after each of its ticks. The operation itself ({@code state}) is kept
 * Java-serialized, exactly as Pipeline would have kept it with the step, and holds no secret.
 *
 * @param id the entry's id (a random UUID)
 * @param functionName the step, e.g. {@code awsAsgRollout}
 * @param buildId the build's externalizable id ({@code folder/job#12}), or null when unknown
 * @param buildUrl the build's URL, or null
 * @param what what is being cleaned up, e.g. {@code "Rollout of web"}
 * @param status the last progress line
 * @param deadline when the cleanup must be over
 * @param lastError the last failure outside AWS's answers, or null
 * @param handedOverAt when the ledger took it over
 * @param stage pending, finished, failed or given up
 * @param outcome the sentence the cleanup ended with, or null while pending
 * @param finishedAt when it ended, or null while pending
 * @param globalConnection whether the ledger had to fall back to the global connection (and said so)
 * @param state the Java-serialized {@link DurableOperation}
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
        byte[] state)
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

    public CleanupEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(state, "state");
    }

    public boolean pending() {
        return stage == Stage.PENDING;
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
                stage, outcome, finishedAt, global, newState);
    }

    CleanupEntry ended(Stage newStage, String sentence, Instant at, byte[] newState) {
        return new CleanupEntry(id, functionName, buildId, buildUrl, what, status, deadline, lastError, handedOverAt,
                newStage, sentence, at, globalConnection, newState);
    }
}
