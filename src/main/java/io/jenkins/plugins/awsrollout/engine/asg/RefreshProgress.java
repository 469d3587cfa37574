package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
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
 */
public record RefreshProgress(
        Instant requestedAt,
        @CheckForNull String refreshId,
        @CheckForNull String status,
        int percentageComplete,
        int instancesToUpdate,
        boolean stopSent)
        implements Serializable {

    public static RefreshProgress requested(Instant at) {
        return new RefreshProgress(at, null, null, 0, -1, false);
    }

    public RefreshProgress started(String id) {
        return new RefreshProgress(requestedAt, id, "Pending", 0, -1, stopSent);
    }

    public RefreshProgress seen(String newStatus, int percentage, int toUpdate) {
        return new RefreshProgress(requestedAt, refreshId, newStatus, percentage, toUpdate, stopSent);
    }

    public RefreshProgress withStopSent() {
        return new RefreshProgress(requestedAt, refreshId, status, percentageComplete, instancesToUpdate, true);
    }
}
