package io.jenkins.plugins.awsrollout.engine.cfn;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Poll;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an {@code awsCfnDeploy} call stands. The change set's name is fixed when the step begins and also serves as its
 * client token and as the execution's client request token, so a tick replayed after a restart finds the change set it
 * created and the events of its own execution.
 *
 * @param phase what the operation does next
 * @param startedAt when the step started
 * @param deadline when the step (or, while aborting, the abort) must be over
 * @param changeSetName this call's change set
 * @param plan what the checks decided (type, parameters, template location), once made
 * @param changeSetId the change set, once created
 * @param stackId the stack, once known
 * @param changes the change set's changes, once computed
 * @param executeRequested ExecuteChangeSet may have been called
 * @param watch what following the stack has seen
 * @param aborting the abort path has started (its deadline is in {@code deadline})
 * @param abortAction what the abort asked of CloudFormation (DeleteStack, CancelUpdateStack, or nothing to do), once asked
 * @param poll the polling state
 */
public record CfnDeployCursor(
        Phase phase,
        Instant startedAt,
        Instant deadline,
        String changeSetName,
        @CheckForNull Plan plan,
        @CheckForNull String changeSetId,
        @CheckForNull String stackId,
        List<StackChange> changes,
        boolean executeRequested,
        Watch watch,
        boolean aborting,
        @CheckForNull String abortAction,
        Poll poll)
        implements Cursor {

    private static final long serialVersionUID = 1L;

    /** The steps of a deployment, in order. */
    public enum Phase {
        /** Read the stack: create or update. */
        INSPECT,
        /** Upload a large template to S3. */
        UPLOAD,
        /** ValidateTemplate, capabilities, parameters. */
        CHECK,
        /** CreateChangeSet (or find the one a replayed tick created). */
        CREATE_CHANGE_SET,
        /** Wait for the change set, show it, decide. */
        REVIEW,
        /** ExecuteChangeSet. */
        EXECUTE,
        /** Follow the stack's events to its end. */
        FOLLOW
    }

    /**
     * What the checks decided.
     *
     * @param changeSetType CREATE or UPDATE
     * @param newStack the stack did not exist: a dry run or refusal deletes the empty stack the change set made
     * @param previousKeys the parameters the stack has now
     * @param templateUrl the template's S3 URL, when it was uploaded or given
     * @param parameters what to send: a null value is UsePreviousValue
     * @param noEcho parameters whose values are never printed
     */
    public record Plan(String changeSetType, boolean newStack, List<String> previousKeys, @CheckForNull String templateUrl,
            Map<String, String> parameters, List<String> noEcho) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Plan {
            previousKeys = List.copyOf(previousKeys);
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            noEcho = List.copyOf(noEcho);
        }

        boolean creates() {
            return changeSetType.equals("CREATE");
        }

        Plan withTemplateUrl(String url) {
            return new Plan(changeSetType, newStack, previousKeys, url, parameters, noEcho);
        }

        Plan checked(Map<String, String> values, List<String> secret) {
            return new Plan(changeSetType, newStack, previousKeys, templateUrl, values, secret);
        }
    }

    /**
     * What following the stack has seen.
     *
     * @param lastEventId the newest event already shown
     * @param status the stack's status at the last poll
     * @param firstFailure the first resource that failed, as a sentence
     * @param events how many events were shown
     */
    public record Watch(@CheckForNull String lastEventId, @CheckForNull String status, @CheckForNull String firstFailure, int events)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static final Watch NONE = new Watch(null, null, null, 0);
    }

    public CfnDeployCursor {
        changes = List.copyOf(changes);
    }

    static CfnDeployCursor start(Instant now, Instant deadline, String changeSetName, Poll poll) {
        return new CfnDeployCursor(Phase.INSPECT, now, deadline, changeSetName, null, null, null, List.of(), false, Watch.NONE,
                false, null, poll);
    }

    CfnDeployCursor phase(Phase next) {
        return new CfnDeployCursor(next, startedAt, deadline, changeSetName, plan, changeSetId, stackId, changes, executeRequested,
                watch, aborting, abortAction, poll);
    }

    CfnDeployCursor planned(Phase next, Plan newPlan, @CheckForNull String id) {
        return new CfnDeployCursor(next, startedAt, deadline, changeSetName, newPlan, changeSetId, id, changes, executeRequested,
                watch, aborting, abortAction, poll);
    }

    CfnDeployCursor created(String newChangeSetId, String newStackId) {
        return new CfnDeployCursor(Phase.REVIEW, startedAt, deadline, changeSetName, plan, newChangeSetId, newStackId, changes,
                executeRequested, watch, aborting, abortAction, poll);
    }

    CfnDeployCursor reviewed(List<StackChange> newChanges) {
        return new CfnDeployCursor(Phase.EXECUTE, startedAt, deadline, changeSetName, plan, changeSetId, stackId, newChanges,
                executeRequested, watch, aborting, abortAction, poll);
    }

    CfnDeployCursor withChanges(List<StackChange> newChanges) {
        return new CfnDeployCursor(phase, startedAt, deadline, changeSetName, plan, changeSetId, stackId, newChanges,
                executeRequested, watch, aborting, abortAction, poll);
    }

    CfnDeployCursor withExecuteRequested() {
        return new CfnDeployCursor(phase, startedAt, deadline, changeSetName, plan, changeSetId, stackId, changes, true, watch,
                aborting, abortAction, poll);
    }

    CfnDeployCursor observed(Watch newWatch, Poll newPoll) {
        return new CfnDeployCursor(phase, startedAt, deadline, changeSetName, plan, changeSetId, stackId, changes,
                executeRequested, newWatch, aborting, abortAction, newPoll);
    }

    CfnDeployCursor withPoll(Poll newPoll) {
        return new CfnDeployCursor(phase, startedAt, deadline, changeSetName, plan, changeSetId, stackId, changes,
                executeRequested, watch, aborting, abortAction, newPoll);
    }

    CfnDeployCursor abortingUntil(Instant abortDeadline) {
        return new CfnDeployCursor(phase, startedAt, abortDeadline, changeSetName, plan, changeSetId, stackId, changes,
                executeRequested, watch, true, abortAction, poll);
    }

    CfnDeployCursor withAbortAction(String action) {
        return new CfnDeployCursor(phase, startedAt, deadline, changeSetName, plan, changeSetId, stackId, changes,
                executeRequested, watch, aborting, action, poll);
    }

    List<Map<String, Object>> changeMaps() {
        List<Map<String, Object>> maps = new ArrayList<>();
        changes.forEach(c -> maps.add(c.toMap()));
        return maps;
    }

    @Override
    public String waitingFor() {
        if (aborting) {
            return "the stack's operation to be rolled back or deleted" + (watch.status() == null ? "" : " (" + watch.status() + ")");
        }
        return switch (phase) {
            case INSPECT, CHECK -> "the template and the stack to be checked";
            case UPLOAD -> "the template to be uploaded";
            case CREATE_CHANGE_SET -> "change set " + changeSetName + " to be created";
            case REVIEW -> "change set " + changeSetName + " to be computed";
            case EXECUTE -> "change set " + changeSetName + " to be executed";
            case FOLLOW -> "the stack to finish" + (watch.status() == null ? "" : " (" + watch.status() + ")");
        };
    }
}
