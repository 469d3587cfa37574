package io.jenkins.plugins.awsrollout.engine.codepipeline;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.codepipeline.CodePipelineCursor.ActionView;
import io.jenkins.plugins.awsrollout.engine.codepipeline.CodePipelineCursor.StageView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The map {@code awsCodePipeline} returns: the execution, each stage with its actions, variables, duration, reason. */
final class ReleaseResult {

    private ReleaseResult() {}

    static Map<String, Object> of(CodePipelineRequest request, CodePipelineCursor cursor, String status, @CheckForNull String reason,
            Map<String, String> variables, Instant now) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pipeline", request.pipeline());
        result.put("executionId", cursor.executionId());
        result.put("status", status);
        result.put("stages", stages(cursor));
        result.put("variables", new LinkedHashMap<>(variables));
        result.put("durationSeconds", Duration.between(cursor.startedAt(), now).toSeconds());
        result.put("reason", reason);
        return result;
    }

    private static List<Object> stages(CodePipelineCursor cursor) {
        List<Object> stages = new ArrayList<>();
        for (StageView stage : cursor.stages()) {
            Map<String, ActionView> latest = new LinkedHashMap<>();
            cursor.actions().values().stream().filter(a -> a.stage().equals(stage.name())).forEach(a -> latest.put(a.action(), a));
            List<Object> actions = new ArrayList<>();
            List<String> statuses = new ArrayList<>();
            for (String name : stage.actions()) {
                ActionView a = latest.get(name);
                Map<String, Object> action = new LinkedHashMap<>();
                action.put("name", name);
                action.put("status", a == null ? null : a.status());
                action.put("provider", a == null ? null : a.provider());
                action.put("externalExecutionId", a == null ? null : a.externalId());
                action.put("externalExecutionUrl", a == null ? null : a.url());
                action.put("summary", a == null ? null : a.summary());
                action.put("error", a == null ? null : a.error());
                actions.add(action);
                statuses.add(a == null ? null : a.status());
            }
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", stage.name());
            map.put("status", stageStatus(statuses));
            map.put("actions", actions);
            stages.add(map);
        }
        return stages;
    }

    /** Failed when an action failed, InProgress while one runs or more are due, Succeeded when all did, null when not reached. */
    private static @CheckForNull String stageStatus(List<String> actions) {
        if (actions.stream().allMatch(java.util.Objects::isNull)) {
            return null;
        }
        for (String wanted : List.of("Failed", "InProgress", "Abandoned")) {
            if (actions.contains(wanted)) {
                return wanted;
            }
        }
        return actions.stream().allMatch("Succeeded"::equals) ? "Succeeded" : "InProgress";
    }
}
