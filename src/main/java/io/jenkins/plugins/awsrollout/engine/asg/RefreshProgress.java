package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Where an instance refresh stands.
 *
 * @param requestedAt when this rollout decided to start it (saved before the call, so a replayed tick adopts the
 *     refresh it started instead of starting a second one)
 * @param refreshId the refresh, once started or adopted
 * @param status its last status
 * @param percentageComplete its last percentage
 * @param instancesToUpdate its last count of instances still to replace
 * @param stopSent whether the RollbackInstanceRefresh or CancelInstanceRefresh of an ending was sent
 * @param lastPolled when the last poll saw it, or null before the first
 * @param secondsPerPercent the time per percent the refresh has been seen to take at least (0 while unknown)
 */
public record RefreshProgress(
        Instant requestedAt,
        @CheckForNull String refreshId,
        @CheckForNull String status,
        int percentageComplete,
        int instancesToUpdate,
        boolean stopSent,
        @CheckForNull Instant lastPolled,
        double secondsPerPercent)
        implements Serializable {

    public static RefreshProgress requested(Instant at) {
        return new RefreshProgress(at, null, null, 0, -1, false, null, 0);
    }

    public RefreshProgress started(String id) {
        return new RefreshProgress(requestedAt, id, "Pending", 0, -1, stopSent, null, 0);
    }

    /**
     * What a poll at {@code now} saw of a refresh that started at {@code start}. When the percentage has grown since
     * the last poll, the change came after that poll, so {@code (lastPolled - start) / percentage} is a lower bound
     * on the time the refresh takes per percent (its batches take about as long each); the largest of these bounds
     * says when it can end at the earliest ({@link #earliestEnd}).
     */
    public RefreshProgress seen(String newStatus, int percentage, int toUpdate, Instant now, @CheckForNull Instant start) {
        double perPercent = secondsPerPercent;
        if (lastPolled != null && start != null && percentage > percentageComplete && percentage > 0) {
            perPercent = Math.max(perPercent, Duration.between(start, lastPolled).toMillis() / 1000.0 / percentage);
        }
        return new RefreshProgress(requestedAt, refreshId, newStatus, percentage, toUpdate, stopSent, now, perPercent);
    }

    /**
     * The earliest a refresh that started at {@code start} can reach 100% at the pace seen so far, or null while
     * unknown. Only the end matters to the rollout (AWS moves the batches on by itself), so only the end is
     * polled for closely.
     */
    public @CheckForNull Instant earliestEnd(@CheckForNull Instant start) {
        if (start == null || secondsPerPercent <= 0) {
            return null;
        }
        return start.plusMillis(Math.round(100 * secondsPerPercent * 1000));
    }

    public RefreshProgress withStopSent() {
        return new RefreshProgress(requestedAt, refreshId, status, percentageComplete, instancesToUpdate, true, lastPolled,
                secondsPerPercent);
    }
}
