package io.jenkins.plugins.awsrollout.sim.codepipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One execution of a pipeline: its status, the variables it resolved, and every action run so far. */
final class PipelineExecution {
    final String id;
    final Pipeline pipeline;
    final Instant startTime;
    final String triggerDetail;
    final String clientRequestToken;
    /** Resolved pipeline-level variables. */
    final Map<String, String> variables;
    /** Source revision overrides by action name: {type, value}. */
    final Map<String, String[]> sourceRevisions;
    /** What each source action produced: output artifact name to {bucket, key, revision id, summary, action name}. */
    final Map<String, String[]> artifacts = new LinkedHashMap<>();
    final List<ActionRun> runs = new ArrayList<>();
    String status = "InProgress";
    String statusSummary;
    Instant lastUpdateTime;
    /** The stage now running (index into the declaration), and its run order. */
    int stageIndex = -1;
    int runOrder;
    String stopReason;
    boolean stopping;

    PipelineExecution(String id, Pipeline pipeline, Instant startTime, String triggerDetail, String clientRequestToken,
            Map<String, String> variables, Map<String, String[]> sourceRevisions) {
        this.id = id;
        this.pipeline = pipeline;
        this.startTime = startTime;
        this.lastUpdateTime = startTime;
        this.triggerDetail = triggerDetail;
        this.clientRequestToken = clientRequestToken;
        this.variables = variables;
        this.sourceRevisions = sourceRevisions;
    }

    boolean active() {
        return "InProgress".equals(status) || "Stopping".equals(status);
    }

    /** The latest run of an action in this execution, or null. */
    ActionRun latest(String stageName, String actionName) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            ActionRun run = runs.get(i);
            if (run.stageName.equals(stageName) && run.action.name().equals(actionName)) {
                return run;
            }
        }
        return null;
    }

    List<ActionRun> inProgress() {
        return runs.stream().filter(ActionRun::inProgress).toList();
    }

    /** The stage's status in this execution, or null when it has not been reached. */
    String stageStatus(Pipeline.Stage stage) {
        int index = pipeline.stages.indexOf(stage);
        if (index > stageIndex) {
            return null;
        }
        if (index < stageIndex) {
            return "Succeeded";
        }
        boolean failed = runs.stream().anyMatch(r -> r.stageName.equals(stage.name()) && "Failed".equals(r.status));
        if (active()) {
            return "Stopping".equals(status) ? "Stopping" : "InProgress";
        }
        if ("Succeeded".equals(status)) {
            return "Succeeded";
        }
        return failed ? "Failed" : "Stopped".equals(status) ? "Stopped" : status;
    }
}
