package io.jenkins.plugins.awsrollout.engine.codepipeline;

import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.codedeploy.FailedDeployment;
import io.jenkins.plugins.awsrollout.engine.codepipeline.CodePipelineCursor.ActionView;
import io.jenkins.plugins.awsrollout.engine.codepipeline.CodePipelineCursor.StageView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.ApprovalAlreadyCompletedException;
import software.amazon.awssdk.services.codepipeline.model.DuplicatedStopRequestException;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionNotStoppableException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariableDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageState;

/**
 * One {@code awsCodePipeline} call: read the pipeline, start an execution (or follow one, or answer the approval it
 * waits at), follow it stage by stage and action by action to its end, and deal with manual approvals as asked; on
 * abort or timeout, stop it. See {@link CodePipelineCursor} for how a restart adopts the execution it started.
 */
public final class CodePipelineOperation implements Operation<CodePipelineCursor> {

    private static final long serialVersionUID = 1L;

    /** How long stopping may take: letting in-progress actions finish (a deployment) or abandoning them. */
    static final Duration STOP_FINISH_TIMEOUT = Duration.ofMinutes(30);
    static final Duration STOP_ABANDON_TIMEOUT = Duration.ofMinutes(5);
    private static final Set<String> ACTIVE = Set.of("InProgress", "Stopping");

    private final CodePipelineRequest request;

    public CodePipelineOperation(CodePipelineRequest request) {
        this.request = request;
    }

    public CodePipelineRequest request() {
        return request;
    }

    @Override
    public String name() {
        return "Release through pipeline " + request.pipeline();
    }

    @Override
    public CodePipelineCursor begin(Instant now) {
        return CodePipelineCursor.start(now, now.plus(request.timeout()), Poll.start(request.polling()));
    }

    @Override
    public Tick<CodePipelineCursor> advance(CodePipelineCursor cursor, TickContext context) {
        return switch (cursor.phase()) {
            case VALIDATE -> validate(cursor, context);
            case START -> start(cursor, context);
            case APPROVE -> approve(cursor, context);
            case FOLLOW -> follow(cursor, context);
        };
    }

    // ---- validate ----

    private Tick<CodePipelineCursor> validate(CodePipelineCursor cursor, TickContext context) {
        CodePipelineClient codePipeline = context.aws().codePipeline();
        PipelineDeclaration pipeline;
        try {
            pipeline = codePipeline.getPipeline(r -> r.name(request.pipeline())).pipeline();
        } catch (PipelineNotFoundException e) {
            throw new OperationFailedException("pipeline '" + request.pipeline() + "' does not exist in " + context.aws().region()
                    + " (or the credentials may not read it).", e);
        }
        List<StageView> stages = new ArrayList<>();
        for (StageDeclaration stage : pipeline.stages()) {
            stages.add(new StageView(stage.name(), stage.actions().stream().map(ActionDeclaration::name).toList(),
                    stage.actions().stream().filter(a -> a.actionTypeId() != null
                            && "Approval".equals(a.actionTypeId().categoryAsString())).map(ActionDeclaration::name).toList()));
        }
        if (request.starts()) {
            checkStart(pipeline);
        } else {
            checkExecution(codePipeline);
        }
        context.progress().report("PLAN", "Pipeline " + request.pipeline() + " (" + pipeline.pipelineTypeAsString() + "): "
                + String.join(" → ", stages.stream().map(StageView::name).toList()) + "; approvals: "
                + request.approvals().parameterValue() + ".");
        CodePipelineCursor.Phase next = request.starts() ? CodePipelineCursor.Phase.START
                : request.approve() != null ? CodePipelineCursor.Phase.APPROVE : CodePipelineCursor.Phase.FOLLOW;
        return Tick.after(cursor.validated(stages, next, request.executionId()), Duration.ZERO);
    }

    private void checkStart(PipelineDeclaration pipeline) {
        List<String> declared = pipeline.variables().stream().map(PipelineVariableDeclaration::name).toList();
        if ("V1".equals(pipeline.pipelineTypeAsString()) && (!request.variables().isEmpty() || !request.sourceRevisions().isEmpty())) {
            throw new OperationFailedException("Pipeline " + request.pipeline() + " is a V1 pipeline: variables and sourceRevisions "
                    + "need a V2 pipeline (change its type in AWS, or leave them out).");
        }
        for (String name : request.variables().keySet()) {
            if (!declared.contains(name)) {
                throw new OperationFailedException("variables: " + name + " is not declared in pipeline " + request.pipeline()
                        + (declared.isEmpty() ? ", which declares none." : " (it declares " + String.join(", ", declared) + ")."));
            }
        }
        List<String> sources = pipeline.stages().stream().flatMap(s -> s.actions().stream())
                .filter(a -> a.actionTypeId() != null && "Source".equals(a.actionTypeId().categoryAsString()))
                .map(ActionDeclaration::name).toList();
        for (SourceRevision revision : request.sourceRevisions()) {
            if (!sources.contains(revision.actionName())) {
                throw new OperationFailedException("sourceRevisions: " + revision.actionName() + " is not a source action of pipeline "
                        + request.pipeline() + " (its source actions: " + String.join(", ", sources) + ").");
            }
        }
    }

    private void checkExecution(CodePipelineClient codePipeline) {
        try {
            codePipeline.getPipelineExecution(r -> r.pipelineName(request.pipeline()).pipelineExecutionId(request.executionId()));
        } catch (PipelineExecutionNotFoundException e) {
            throw new OperationFailedException("executionId '" + request.executionId() + "' is not an execution of pipeline "
                    + request.pipeline() + ".", e);
        }
    }

    // ---- start ----

    private Tick<CodePipelineCursor> start(CodePipelineCursor cursor, TickContext context) {
        if (cursor.clientRequestToken() == null) {
            // Saved before the call: a replayed tick sends the same token, and CodePipeline answers with the same execution.
            UUID token = new UUID(context.random().nextLong(), context.random().nextLong());
            return Tick.after(cursor.token("jenkins-" + token), Duration.ZERO);
        }
        String id = context.aws().codePipeline().startPipelineExecution(r -> {
            r.name(request.pipeline()).clientRequestToken(cursor.clientRequestToken());
            if (!request.variables().isEmpty()) {
                r.variables(request.variables().entrySet().stream()
                        .map(v -> software.amazon.awssdk.services.codepipeline.model.PipelineVariable.builder()
                                .name(v.getKey()).value(v.getValue()).build()).toList());
            }
            if (!request.sourceRevisions().isEmpty()) {
                r.sourceRevisions(request.sourceRevisions().stream()
                        .map(s -> software.amazon.awssdk.services.codepipeline.model.SourceRevisionOverride.builder()
                                .actionName(s.actionName()).revisionType(s.revisionType()).revisionValue(s.revisionValue()).build())
                        .toList());
            }
        }).pipelineExecutionId();
        context.progress().report("START", "Started execution " + id + " of " + request.pipeline()
                + (request.variables().isEmpty() ? "" : " with " + String.join(", ", request.variables().entrySet().stream()
                        .map(v -> v.getKey() + "=" + v.getValue()).toList()))
                + ": " + consoleUrl(context, id));
        CodePipelineCursor started = cursor.following(id);
        return Tick.after(started, started.poll().nextDelay(context.random()));
    }

    // ---- approve (a later call, after a Jenkins input) ----

    private Tick<CodePipelineCursor> approve(CodePipelineCursor cursor, TickContext context) {
        CodePipelineClient codePipeline = context.aws().codePipeline();
        Optional<WaitingApproval> waiting = waitingApproval(codePipeline, cursor, cursor.executionId());
        if (waiting.isEmpty()) {
            // Answered already (by a replay of this tick, or by someone in AWS): follow what happened.
            boolean reached = codePipeline.listActionExecutionsPaginator(r -> r.pipelineName(request.pipeline())
                    .filter(f -> f.pipelineExecutionId(cursor.executionId()))).actionExecutionDetails().stream()
                    .anyMatch(a -> isApproval(cursor, a.stageName(), a.actionName()));
            if (!reached) {
                String status = codePipeline.getPipelineExecution(r -> r.pipelineName(request.pipeline())
                        .pipelineExecutionId(cursor.executionId())).pipelineExecution().statusAsString();
                throw new OperationFailedException("Execution " + cursor.executionId() + " of " + request.pipeline()
                        + " waits at no approval (it is " + status + "); approve answers one it waits at.");
            }
            return Tick.after(cursor.following(cursor.executionId()), Duration.ZERO);
        }
        boolean approved = Boolean.TRUE.equals(request.approve());
        String summary = request.approvalSummary() != null ? request.approvalSummary()
                : (approved ? "Approved" : "Rejected") + " by Jenkins: " + buildName();
        answer(codePipeline, waiting.get(), approved, summary);
        context.progress().report("APPROVE", (approved ? "Approved " : "Rejected ") + waiting.get().path() + " of execution "
                + cursor.executionId() + ": " + summary);
        return Tick.after(cursor.following(cursor.executionId()), Duration.ZERO);
    }

    private String buildName() {
        return request.buildUrl() != null ? request.buildUrl() : request.build();
    }

    /** A manual approval the execution waits at, with its token. */
    record WaitingApproval(String stage, String action, String token) {
        String path() {
            return stage + "/" + action;
        }
    }

    /** GetPipelineState is the one call that hands out approval tokens. */
    private Optional<WaitingApproval> waitingApproval(CodePipelineClient codePipeline, CodePipelineCursor cursor, String executionId) {
        for (StageState stage : codePipeline.getPipelineState(r -> r.name(request.pipeline())).stageStates()) {
            if (stage.latestExecution() == null || !executionId.equals(stage.latestExecution().pipelineExecutionId())) {
                continue;
            }
            for (ActionState action : stage.actionStates()) {
                if (isApproval(cursor, stage.stageName(), action.actionName()) && action.latestExecution() != null
                        && "InProgress".equals(action.latestExecution().statusAsString()) && action.latestExecution().token() != null) {
                    return Optional.of(new WaitingApproval(stage.stageName(), action.actionName(), action.latestExecution().token()));
                }
            }
        }
        return Optional.empty();
    }

    private void answer(CodePipelineClient codePipeline, WaitingApproval approval, boolean approved, String summary) {
        try {
            codePipeline.putApprovalResult(r -> r.pipelineName(request.pipeline()).stageName(approval.stage())
                    .actionName(approval.action()).token(approval.token())
                    .result(x -> x.status(approved ? "Approved" : "Rejected").summary(summary)));
        } catch (ApprovalAlreadyCompletedException e) {
            // A replayed tick, or someone was quicker: what happened shows in the next poll.
        }
    }

    private static boolean isApproval(CodePipelineCursor cursor, String stage, String action) {
        StageView view = cursor.stage(stage);
        return view != null && view.approvals().contains(action);
    }

    // ---- follow ----

    private Tick<CodePipelineCursor> follow(CodePipelineCursor cursor, TickContext context) {
        CodePipelineClient codePipeline = context.aws().codePipeline();
        String id = cursor.executionId();
        PipelineExecution execution = codePipeline.getPipelineExecution(r -> r.pipelineName(request.pipeline())
                .pipelineExecutionId(id)).pipelineExecution();
        Map<String, ActionView> seen = observeActions(codePipeline, cursor, id, context);
        Set<String> announced = new LinkedHashSet<>(cursor.announced());
        String status = execution.statusAsString();
        Poll poll = cursor.poll().observe(status + seen.values().stream().map(ActionView::status).toList());
        CodePipelineCursor observed = cursor.observed(status, execution.statusSummary(), seen, announced, poll);

        if (ACTIVE.contains(status)) {
            for (ActionView action : seen.values()) {
                if (!"InProgress".equals(action.status()) || !isApproval(cursor, action.stage(), action.action())) {
                    continue;
                }
                String key = actionKey(seen, action);
                if (request.approvals() == ApprovalMode.WAIT) {
                    if (announced.add(key)) {
                        context.progress().report("APPROVE", "Execution " + id + " waits for approval at " + action.path()
                                + ": approve or reject it in AWS: " + consoleUrl(context, id));
                        observed = cursor.observed(status, execution.statusSummary(), seen, announced, poll);
                    }
                    continue;
                }
                Optional<WaitingApproval> waiting = waitingApproval(codePipeline, cursor, id);
                if (waiting.isEmpty()) {
                    continue;
                }
                if (request.approvals() == ApprovalMode.INPUT) {
                    context.progress().report("APPROVE", "Execution " + id + " waits for approval at " + waiting.get().path()
                            + "; returning so that the build can ask (awsCodePipeline executionId: '" + id + "', approve: true).");
                    Map<String, Object> result = ReleaseResult.of(request, observed, "AwaitingApproval", null, Map.of(), context.now());
                    result.put("approvalStage", waiting.get().stage());
                    result.put("approvalAction", waiting.get().action());
                    result.put("approvalToken", waiting.get().token());
                    return Tick.done(observed, result);
                }
                String summary = request.approvalSummary() != null ? request.approvalSummary() : "Approved by Jenkins: " + buildName();
                answer(codePipeline, waiting.get(), true, summary);
                context.progress().report("APPROVE", "Approved " + waiting.get().path() + " of execution " + id + ": " + summary);
                return Tick.after(observed, Duration.ZERO);
            }
            return Tick.after(observed, poll.nextDelay(context.random()));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        execution.variables().forEach(v -> variables.put(v.name(), v.resolvedValue()));
        outputVariables(codePipeline, id).forEach(variables::putIfAbsent);
        String duration = HumanDuration.of(Duration.between(cursor.startedAt(), context.now()));
        if ("Succeeded".equals(status)) {
            context.progress().report("DONE", "Execution " + id + " of " + request.pipeline() + " succeeded in " + duration + ".");
            return Tick.done(observed, ReleaseResult.of(request, observed, status, null, variables, context.now()));
        }
        String reason = failure(context, observed, execution);
        context.progress().report("DONE", reason);
        Map<String, Object> result = ReleaseResult.of(request, observed, status, reason, variables, context.now());
        return request.failOnError() ? Tick.failed(observed, reason, result) : Tick.done(observed, result);
    }

    private static String actionKey(Map<String, ActionView> seen, ActionView action) {
        for (Map.Entry<String, ActionView> e : seen.entrySet()) {
            if (e.getValue() == action) {
                return e.getKey();
            }
        }
        return action.path();
    }

    /** Reads every action execution of {@code id} (one paginated call) and logs what changed since the last poll. */
    private Map<String, ActionView> observeActions(CodePipelineClient codePipeline, CodePipelineCursor cursor, String id,
            TickContext context) {
        List<ActionExecutionDetail> details = new ArrayList<>(codePipeline.listActionExecutionsPaginator(r -> r
                .pipelineName(request.pipeline()).filter(f -> f.pipelineExecutionId(id))).actionExecutionDetails().stream().toList());
        details.sort(Comparator.comparing(ActionExecutionDetail::startTime, Comparator.nullsLast(Comparator.naturalOrder())));
        Map<String, ActionView> seen = new LinkedHashMap<>(cursor.actions());
        if (seen.isEmpty() && !request.starts() && !details.isEmpty()) {
            // Following an execution someone else started: what happened before is one line, not a replay.
            List<String> sofar = new ArrayList<>();
            for (ActionExecutionDetail d : details) {
                if (!"InProgress".equals(d.statusAsString())) {
                    ActionView past = view(d);
                    seen.put(d.actionExecutionId(), past);
                    sofar.add(past.path() + " " + past.status());
                }
            }
            if (!sofar.isEmpty()) {
                context.progress().report("FOLLOW", "Execution " + id + " so far: " + String.join(", ", sofar) + ".");
            }
        }
        for (ActionExecutionDetail d : details) {
            ActionView now = view(d);
            ActionView before = seen.put(d.actionExecutionId(), now);
            boolean firstOfStage = cursor.actions().values().stream().noneMatch(a -> a.stage().equals(d.stageName()))
                    && seen.values().stream().filter(a -> a.stage().equals(d.stageName())).count() == 1 && before == null;
            if (firstOfStage) {
                context.progress().report("STAGE", d.stageName() + " started.");
            }
            if (before == null || !Objects.equals(before.status(), now.status())) {
                context.progress().report("ACTION", describe(now));
                stageEnded(cursor, seen, now).ifPresent(line -> context.progress().report("STAGE", line));
            }
        }
        return seen;
    }

    private static ActionView view(ActionExecutionDetail d) {
        var result = d.output() == null ? null : d.output().executionResult();
        return new ActionView(d.stageName(), d.actionName(),
                d.input() == null || d.input().actionTypeId() == null ? null : d.input().actionTypeId().provider(),
                d.statusAsString(), result == null ? null : result.externalExecutionId(),
                result == null ? null : result.externalExecutionUrl(),
                result == null ? null : result.externalExecutionSummary(),
                result == null || result.errorDetails() == null ? null : result.errorDetails().message());
    }

    private static String describe(ActionView action) {
        StringBuilder line = new StringBuilder(action.path()).append(' ').append(action.status());
        if (action.externalId() != null) {
            line.append(": ").append("CodeDeploy".equals(action.provider()) ? "CodeDeploy deployment " : "")
                    .append(action.externalId());
        } else if (action.summary() != null) {
            line.append(": ").append(action.summary());
        }
        if (action.error() != null) {
            line.append(" (").append(action.error()).append(')');
        }
        if (action.url() != null && "InProgress".equals(action.status())) {
            line.append(' ').append(action.url());
        }
        return line.append('.').toString();
    }

    /** "Deploy-Staging succeeded." once every action of the stage has, or "... failed." when one did. */
    private static Optional<String> stageEnded(CodePipelineCursor cursor, Map<String, ActionView> seen, ActionView changed) {
        StageView stage = cursor.stage(changed.stage());
        if (stage == null) {
            return Optional.empty();
        }
        if ("Failed".equals(changed.status())) {
            return Optional.of(stage.name() + " failed.");
        }
        Map<String, String> latest = new LinkedHashMap<>();
        seen.values().stream().filter(a -> a.stage().equals(stage.name())).forEach(a -> latest.put(a.action(), a.status()));
        boolean all = stage.actions().stream().allMatch(a -> "Succeeded".equals(latest.get(a)));
        return all && "Succeeded".equals(changed.status()) ? Optional.of(stage.name() + " succeeded.") : Optional.empty();
    }

    /** Output variables of the execution's actions, as {@code Namespace.name} (or {@code Action.name} without one). */
    private Map<String, String> outputVariables(CodePipelineClient codePipeline, String id) {
        Map<String, String> variables = new LinkedHashMap<>();
        codePipeline.listActionExecutionsPaginator(r -> r.pipelineName(request.pipeline()).filter(f -> f.pipelineExecutionId(id)))
                .actionExecutionDetails().forEach(d -> {
                    if (d.output() != null && d.output().hasOutputVariables()) {
                        String prefix = d.input() != null && d.input().namespace() != null ? d.input().namespace() : d.actionName();
                        d.output().outputVariables().forEach((k, v) -> variables.put(prefix + "." + k, v));
                    }
                });
        return variables;
    }

    /** One sentence: where the execution failed and why (a CodeDeploy action's failure explained down to the script). */
    private String failure(TickContext context, CodePipelineCursor cursor, PipelineExecution execution) {
        String id = cursor.executionId();
        String status = execution.statusAsString();
        ActionView failed = cursor.actions().values().stream().filter(a -> "Failed".equals(a.status())).findFirst().orElse(null);
        if ("Failed".equals(status) && failed != null) {
            String why = failed.error() != null ? failed.error() : failed.summary() != null ? failed.summary() : "no reason given";
            if ("CodeDeploy".equals(failed.provider()) && failed.externalId() != null) {
                try {
                    Optional<String> instance = FailedDeployment.explain(context.aws().codeDeploy(), failed.externalId());
                    if (instance.isPresent()) {
                        why = "deployment " + failed.externalId() + " failed on " + instance.get();
                    }
                } catch (RuntimeException e) {
                    // The pipeline's error stands on its own when CodeDeploy cannot be read.
                }
            }
            return "Execution " + id + " of " + request.pipeline() + " failed at " + failed.path() + ": " + why;
        }
        String summary = execution.statusSummary() == null ? "" : ": " + execution.statusSummary();
        return switch (status) {
            case "Stopped" -> "Execution " + id + " of " + request.pipeline() + " was stopped" + summary;
            case "Superseded" -> "Execution " + id + " of " + request.pipeline() + " was superseded by a newer execution.";
            default -> "Execution " + id + " of " + request.pipeline() + " ended " + status + summary;
        } + (summary.endsWith(".") || "Superseded".equals(status) ? "" : ".");
    }

    private String consoleUrl(TickContext context, String id) {
        return "https://" + context.aws().region() + ".console.aws.amazon.com/codesuite/codepipeline/pipelines/"
                + request.pipeline() + "/executions/" + id + "/timeline?region=" + context.aws().region();
    }

    // ---- abort ----

    @Override
    public Tick<CodePipelineCursor> abort(CodePipelineCursor cursor, AbortReason reason, TickContext context) {
        CodePipelineCursor current = cursor.aborting() ? cursor : cursor.abortingUntil(context.now()
                .plus(request.stopMode() == StopMode.ABANDON ? STOP_ABANDON_TIMEOUT : STOP_FINISH_TIMEOUT));
        String id = current.executionId();
        CodePipelineClient codePipeline = context.aws().codePipeline();
        if (id == null && current.clientRequestToken() != null && current.phase() == CodePipelineCursor.Phase.START) {
            // StartPipelineExecution may have gone through without its answer being saved: the newest execution started
            // since this step began is ours only if it is the only one.
            List<String> candidates = codePipeline.listPipelineExecutions(r -> r.pipelineName(request.pipeline()).maxResults(20))
                    .pipelineExecutionSummaries().stream()
                    .filter(s -> s.startTime() != null && !s.startTime().isBefore(current.startedAt().minusSeconds(60))
                            && ACTIVE.contains(s.statusAsString()))
                    .map(s -> s.pipelineExecutionId()).toList();
            if (candidates.size() == 1) {
                id = candidates.get(0);
            }
        }
        if (id == null || (current.status() != null && !ACTIVE.contains(current.status()))) {
            return Tick.done(current, Map.of());
        }
        String execution = id;
        if (!request.onAbortStop()) {
            return Tick.failed(current, "Execution " + id + " of " + request.pipeline() + " was left running (onAbort: 'leave').", null);
        }
        CodePipelineCursor known = current.following(id);
        if (!known.stopRequested()) {
            boolean abandon = request.stopMode() == StopMode.ABANDON;
            try {
                codePipeline.stopPipelineExecution(r -> r.pipelineName(request.pipeline()).pipelineExecutionId(execution)
                        .abandon(abandon).reason("Stopped by Jenkins (" + reasonText(reason) + "): " + buildName()));
            } catch (PipelineExecutionNotStoppableException e) {
                String status = codePipeline.getPipelineExecution(r -> r.pipelineName(request.pipeline())
                        .pipelineExecutionId(execution)).pipelineExecution().statusAsString();
                return Tick.failed(known, "Execution " + id + " of " + request.pipeline() + " had already ended: " + status + ".", null);
            } catch (DuplicatedStopRequestException e) {
                // A replayed tick: the stop is under way.
            }
            context.progress().report("STOP", "Stopping execution " + id + " of " + request.pipeline()
                    + (abandon ? ", abandoning its in-progress actions." : "; its in-progress actions finish first."));
            CodePipelineCursor stopping = known.withStopRequested();
            return Tick.after(stopping, stopping.poll().nextDelay(context.random()));
        }
        PipelineExecution info = codePipeline.getPipelineExecution(r -> r.pipelineName(request.pipeline())
                .pipelineExecutionId(execution)).pipelineExecution();
        if (ACTIVE.contains(info.statusAsString())) {
            Poll poll = known.poll().observe(info.statusAsString());
            return Tick.after(known.observed(info.statusAsString(), info.statusSummary(), known.actions(), known.announced(), poll),
                    poll.nextDelay(context.random()));
        }
        String sentence = "Stopped".equals(info.statusAsString())
                ? "Stopped execution " + id + " of " + request.pipeline() + "."
                : "Execution " + id + " of " + request.pipeline() + " ended " + info.statusAsString() + " before it could be stopped.";
        context.progress().report("STOP", sentence);
        return Tick.failed(known, sentence, null);
    }

    private static String reasonText(AbortReason reason) {
        return switch (reason) {
            case STOPPED -> "build aborted";
            case DEADLINE -> "step timed out";
            case FAILED -> "step failed";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodePipelineOperation other && Objects.equals(other.request, request);
    }

    @Override
    public int hashCode() {
        return request.hashCode();
    }
}
