package io.jenkins.plugins.awsrollout.engine.codedeploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Poll;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an {@code awsCodeDeploy} call stands. The deployment id is recorded the moment CreateDeployment answers;
 * before the call, {@code createMarkedAt} records that a deployment may be on its way, so a tick replayed after a
 * restart looks for it instead of creating a second one.
 *
 * @param phase what the operation does next
 * @param startedAt when the step started
 * @param deadline when the step (or, while aborting, the stop) must be over
 * @param uploaded the bundle uploaded from the workspace, once it is in S3
 * @param createMarkedAt set just before CreateDeployment is called
 * @param deploymentId the deployment, once known
 * @param status its status at the last poll
 * @param overview its instance counts at the last poll
 * @param instances each target's status and lifecycle events at the last poll, by instance id
 * @param readyHandled the Ready state was dealt with (continued, or announced)
 * @param aborting the abort path has started (its deadline is in {@code deadline})
 * @param stopRequested StopDeployment was called
 * @param poll the polling state
 */
public record CodeDeployCursor(
        Phase phase,
        Instant startedAt,
        Instant deadline,
        @CheckForNull S3Bundle uploaded,
        @CheckForNull Instant createMarkedAt,
        @CheckForNull String deploymentId,
        @CheckForNull String status,
        InstanceCounts overview,
        Map<String, InstanceProgress> instances,
        boolean readyHandled,
        boolean aborting,
        boolean stopRequested,
        Poll poll)
        implements Cursor {

    private static final long serialVersionUID = 1L;

    /** The steps of a deployment, in order. */
    public enum Phase {
        /** Check the application, group, configuration and revision. */
        VALIDATE,
        /** Pack the workspace source and upload it to S3. */
        UPLOAD,
        /** Register the uploaded bundle as a revision of the application. */
        REGISTER,
        /** Create the deployment (or find the one a replayed tick created). */
        CREATE,
        /** Follow the deployment to its end. */
        FOLLOW
    }

    public CodeDeployCursor {
        instances = Collections.unmodifiableMap(new TreeMap<>(instances));
    }

    static CodeDeployCursor start(Instant now, Instant deadline, Poll poll) {
        return new CodeDeployCursor(Phase.VALIDATE, now, deadline, null, null, null, null, InstanceCounts.NONE, Map.of(),
                false, false, false, poll);
    }

    CodeDeployCursor phase(Phase next) {
        return new CodeDeployCursor(next, startedAt, deadline, uploaded, createMarkedAt, deploymentId, status, overview,
                instances, readyHandled, aborting, stopRequested, poll);
    }

    CodeDeployCursor uploaded(S3Bundle bundle) {
        return new CodeDeployCursor(Phase.REGISTER, startedAt, deadline, bundle, createMarkedAt, deploymentId, status,
                overview, instances, readyHandled, aborting, stopRequested, poll);
    }

    CodeDeployCursor markCreate(Instant now) {
        return new CodeDeployCursor(phase, startedAt, deadline, uploaded, now, deploymentId, status, overview, instances,
                readyHandled, aborting, stopRequested, poll);
    }

    CodeDeployCursor deployment(String id) {
        return new CodeDeployCursor(Phase.FOLLOW, startedAt, deadline, uploaded, createMarkedAt, id, status, overview,
                instances, readyHandled, aborting, stopRequested, poll);
    }

    CodeDeployCursor observed(String newStatus, InstanceCounts counts, Map<String, InstanceProgress> targets, Poll newPoll) {
        return new CodeDeployCursor(phase, startedAt, deadline, uploaded, createMarkedAt, deploymentId, newStatus, counts,
                targets, readyHandled, aborting, stopRequested, newPoll);
    }

    CodeDeployCursor withReadyHandled() {
        return new CodeDeployCursor(phase, startedAt, deadline, uploaded, createMarkedAt, deploymentId, status, overview,
                instances, true, aborting, stopRequested, poll);
    }

    CodeDeployCursor abortingUntil(Instant abortDeadline) {
        return new CodeDeployCursor(phase, startedAt, abortDeadline, uploaded, createMarkedAt, deploymentId, status,
                overview, instances, readyHandled, true, stopRequested, poll);
    }

    CodeDeployCursor withStopRequested() {
        return new CodeDeployCursor(phase, startedAt, deadline, uploaded, createMarkedAt, deploymentId, status, overview,
                instances, readyHandled, aborting, true, poll);
    }

    @Override
    public String waitingFor() {
        if (aborting && deploymentId != null) {
            return "deployment " + deploymentId + " to stop";
        }
        return switch (phase) {
            case VALIDATE -> "the checks of the deployment group";
            case UPLOAD -> "the bundle to be packed and uploaded";
            case REGISTER -> "the revision to be registered";
            case CREATE -> "the deployment to be created";
            case FOLLOW -> "deployment " + deploymentId + " to finish"
                    + (status == null ? "" : " (" + status + (overview.total() == 0 ? "" : ": " + overview.sentence()) + ")");
        };
    }
}
