package io.jenkins.plugins.awsrollout.sim.codepipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One run of one action in one execution. */
final class ActionRun {
    final String id;
    final String executionId;
    final String stageName;
    final Pipeline.Action action;
    final Instant startTime;
    String status = "InProgress";
    Instant lastUpdateTime;
    String externalExecutionId;
    String externalExecutionSummary;
    String externalExecutionUrl;
    String errorCode;
    String errorMessage;
    /** A manual approval's token while it waits. */
    String token;
    /** What the approver wrote. */
    String summary;
    final Map<String, String> outputVariables = new LinkedHashMap<>();

    ActionRun(String id, String executionId, String stageName, Pipeline.Action action, Instant startTime) {
        this.id = id;
        this.executionId = executionId;
        this.stageName = stageName;
        this.action = action;
        this.startTime = startTime;
        this.lastUpdateTime = startTime;
    }

    boolean inProgress() {
        return "InProgress".equals(status);
    }

    void end(String newStatus, Instant at) {
        status = newStatus;
        lastUpdateTime = at;
        token = null;
    }

    void fail(String code, String message, Instant at) {
        errorCode = code;
        errorMessage = message;
        end("Failed", at);
    }
}
