package io.jenkins.plugins.awsrollout.engine.codepipeline;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Poll;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an {@code awsCodePipeline} call stands. The client request token is saved before StartPipelineExecution is
 * called, so a tick replayed after a restart sends the same token and CodePipeline answers with the execution it
 * already started instead of starting a second.
 *
 * @param phase what the operation does next
 * @param startedAt when the step started
 * @param deadline when the step (or, while aborting, the stop) must be over
 * @param stages the pipeline's stages and their actions, read once
 * @param clientRequestToken the token of StartPipelineExecution, once chosen
 * @param executionId the execution, once known
 * @param status its status at the last poll
 * @param statusSummary its status summary at the last poll
 * @param actions every action execution seen so far, by action execution id, in the order they started
 * @param announced approvals whose wait was announced (action execution ids)
 * @param aborting the abort path has started (its deadline is in {@code deadline})
 * @param stopRequested StopPipelineExecution was called
 * @param poll the polling state
 */
public record CodePipelineCursor(
        Phase phase,
        Instant startedAt,
        Instant deadline,
        List<StageView> stages,
        @CheckForNull String clientRequestToken,
        @CheckForNull String executionId,
        @CheckForNull String status,
        @CheckForNull String statusSummary,
        Map<String, ActionView> actions,
        Set<String> announced,
        boolean aborting,
        boolean stopRequested,
        Poll poll)
        implements Cursor {

    private static final long serialVersionUID = 1L;

    /** The steps of a release, in order. */
    public enum Phase {
        /** Read the pipeline (and the execution to follow), check the parameters against it. */
        VALIDATE,
        /** Choose the client request token, then start the execution. */
        START,
        /** Approve or reject the approval the execution waits at. */
        APPROVE,
        /** Follow the execution to its end. */
        FOLLOW
    }

    /** A stage of the pipeline: its actions, and which of them are manual approvals. */
    public record StageView(String name, List<String> actions, List<String> approvals) implements Serializable {
        private static final long serialVersionUID = 1L;

        public StageView {
            actions = List.copyOf(actions);
            approvals = List.copyOf(approvals);
        }
    }

    /** An action execution as last seen. */
    public record ActionView(String stage, String action, String provider, String status, @CheckForNull String externalId,
            @CheckForNull String url, @CheckForNull String summary, @CheckForNull String error) implements Serializable {
        private static final long serialVersionUID = 1L;

        String path() {
            return stage + "/" + action;
        }
    }

    public CodePipelineCursor {
        stages = List.copyOf(stages);
        actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        announced = Collections.unmodifiableSet(new LinkedHashSet<>(announced));
    }

    static CodePipelineCursor start(Instant now, Instant deadline, Poll poll) {
        return new CodePipelineCursor(Phase.VALIDATE, now, deadline, List.of(), null, null, null, null, Map.of(), Set.of(),
                false, false, poll);
    }

    CodePipelineCursor validated(List<StageView> pipelineStages, Phase next, @CheckForNull String execution) {
        return new CodePipelineCursor(next, startedAt, deadline, pipelineStages, clientRequestToken, execution, status,
                statusSummary, actions, announced, aborting, stopRequested, poll);
    }

    CodePipelineCursor token(String token) {
        return new CodePipelineCursor(phase, startedAt, deadline, stages, token, executionId, status, statusSummary, actions,
                announced, aborting, stopRequested, poll);
    }

    CodePipelineCursor following(String execution) {
        return new CodePipelineCursor(Phase.FOLLOW, startedAt, deadline, stages, clientRequestToken, execution, status,
                statusSummary, actions, announced, aborting, stopRequested, poll);
    }

    CodePipelineCursor observed(String newStatus, @CheckForNull String summary, Map<String, ActionView> seen, Set<String> newAnnounced,
            Poll newPoll) {
        return new CodePipelineCursor(phase, startedAt, deadline, stages, clientRequestToken, executionId, newStatus, summary, seen,
                newAnnounced, aborting, stopRequested, newPoll);
    }

    CodePipelineCursor abortingUntil(Instant abortDeadline) {
        return new CodePipelineCursor(phase, startedAt, abortDeadline, stages, clientRequestToken, executionId, status,
                statusSummary, actions, announced, true, stopRequested, poll);
    }

    CodePipelineCursor withStopRequested() {
        return new CodePipelineCursor(phase, startedAt, deadline, stages, clientRequestToken, executionId, status, statusSummary,
                actions, announced, aborting, true, poll);
    }

    /** The stage an action belongs to, or null. */
    @CheckForNull
    StageView stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public String waitingFor() {
        if (aborting && executionId != null) {
            return "execution " + executionId + " to stop";
        }
        return switch (phase) {
            case VALIDATE -> "the pipeline to be read";
            case START -> "the execution to be started";
            case APPROVE -> "the approval to be answered";
            case FOLLOW -> "execution " + executionId + " to finish" + (status == null ? "" : " (" + status + running() + ")");
        };
    }

    private String running() {
        List<String> now = actions.values().stream().filter(a -> "InProgress".equals(a.status())).map(ActionView::path).toList();
        return now.isEmpty() ? "" : ": " + String.join(", ", now);
    }
}
