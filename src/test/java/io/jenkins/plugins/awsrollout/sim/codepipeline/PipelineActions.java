package io.jenkins.plugins.awsrollout.sim.codepipeline;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionExecution;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.ArtifactRevision;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineExecutionRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineExecutionResponse;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineResponse;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateResponse;
import software.amazon.awssdk.services.codepipeline.model.ListActionExecutionsRequest;
import software.amazon.awssdk.services.codepipeline.model.ListActionExecutionsResponse;
import software.amazon.awssdk.services.codepipeline.model.ListPipelineExecutionsRequest;
import software.amazon.awssdk.services.codepipeline.model.ListPipelineExecutionsResponse;
import software.amazon.awssdk.services.codepipeline.model.ListPipelinesRequest;
import software.amazon.awssdk.services.codepipeline.model.ListPipelinesResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.PipelineSummary;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariableDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PutApprovalResultRequest;
import software.amazon.awssdk.services.codepipeline.model.PutApprovalResultResponse;
import software.amazon.awssdk.services.codepipeline.model.ResolvedPipelineVariable;
import software.amazon.awssdk.services.codepipeline.model.SourceRevision;
import software.amazon.awssdk.services.codepipeline.model.SourceRevisionOverride;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageState;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionRequest;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionResponse;
import software.amazon.awssdk.services.codepipeline.model.StopPipelineExecutionRequest;
import software.amazon.awssdk.services.codepipeline.model.StopPipelineExecutionResponse;

/** The CodePipeline operations a release needs: read pipelines, start, follow, approve and stop executions. */
public final class PipelineActions {
    private final Cloud cloud;

    PipelineActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private CodePipelineRegion codePipeline(RequestContext context) {
        return CodePipelineRegion.of(cloud.region(context));
    }

    private static SimError invalidToken() {
        return SimError.client("InvalidNextTokenException", "The next token is not valid.");
    }

    public ListPipelinesResponse listPipelines(ListPipelinesRequest request, RequestContext context) {
        List<PipelineSummary> all = codePipeline(context).pipelines.values().stream().map(p -> PipelineSummary.builder()
                .name(p.name).version(p.version).pipelineType(p.pipelineType).executionMode(p.executionMode)
                .created(p.created).updated(p.created).build()).toList();
        Paging<PipelineSummary> page = Paging.page(all, request.maxResults(), request.nextToken(), 1000, invalidToken());
        return ListPipelinesResponse.builder().pipelines(page.items()).nextToken(page.nextToken()).build();
    }

    public GetPipelineResponse getPipeline(GetPipelineRequest request, RequestContext context) {
        Pipeline p = codePipeline(context).pipeline(request.name());
        List<StageDeclaration> stages = new ArrayList<>();
        for (Pipeline.Stage stage : p.stages) {
            List<ActionDeclaration> actions = new ArrayList<>();
            for (Pipeline.Action a : stage.actions()) {
                actions.add(ActionDeclaration.builder().name(a.name()).runOrder(a.runOrder()).namespace(a.namespace())
                        .actionTypeId(t -> t.category(a.category()).owner(a.owner()).provider(a.provider()).version(a.version()))
                        .configuration(a.configuration())
                        .inputArtifacts(a.inputArtifacts().stream().map(n -> software.amazon.awssdk.services.codepipeline.model
                                .InputArtifact.builder().name(n).build()).toList())
                        .outputArtifacts(a.outputArtifacts().stream().map(n -> software.amazon.awssdk.services.codepipeline.model
                                .OutputArtifact.builder().name(n).build()).toList())
                        .build());
            }
            stages.add(StageDeclaration.builder().name(stage.name()).actions(actions).build());
        }
        PipelineDeclaration declaration = PipelineDeclaration.builder().name(p.name).version(p.version)
                .roleArn("arn:aws:iam::" + cloud.accountId() + ":role/codepipeline-" + p.name)
                .artifactStore(s -> s.type("S3").location("codepipeline-" + cloud.region(context).name() + "-" + cloud.accountId()))
                .pipelineType(p.pipelineType).executionMode(p.executionMode)
                .variables(p.variables.stream().map(v -> PipelineVariableDeclaration.builder().name(v.name())
                        .defaultValue(v.defaultValue()).description(v.description()).build()).toList())
                .stages(stages).build();
        return GetPipelineResponse.builder().pipeline(declaration).metadata(m -> m
                .pipelineArn("arn:aws:codepipeline:" + cloud.region(context).name() + ":" + cloud.accountId() + ":" + p.name)
                .created(p.created).updated(p.created)).build();
    }

    public StartPipelineExecutionResponse startPipelineExecution(StartPipelineExecutionRequest request, RequestContext context) {
        CodePipelineRegion codePipeline = codePipeline(context);
        Pipeline p = codePipeline.pipeline(request.name());
        Map<String, String> variables = new LinkedHashMap<>();
        if (Pojos.present(request.variables())) {
            if ("V1".equals(p.pipelineType)) {
                throw SimError.client("ValidationException", "Pipeline variables are only supported by V2 pipelines; "
                        + p.name + " is a V1 pipeline.");
            }
            request.variables().forEach(v -> variables.put(v.name(), v.value()));
        }
        Map<String, String[]> overrides = new LinkedHashMap<>();
        if (Pojos.present(request.sourceRevisions())) {
            if ("V1".equals(p.pipelineType)) {
                throw SimError.client("ValidationException", "Source revision overrides are only supported by V2 pipelines; "
                        + p.name + " is a V1 pipeline.");
            }
            for (SourceRevisionOverride o : request.sourceRevisions()) {
                overrides.put(o.actionName(), new String[] {o.revisionTypeAsString(), o.revisionValue()});
            }
        }
        String caller = cloud.identity(context.accessKeyId()).arn();
        var execution = codePipeline.start(p, variables, overrides, request.clientRequestToken(), caller);
        return StartPipelineExecutionResponse.builder().pipelineExecutionId(execution.id).build();
    }

    public StopPipelineExecutionResponse stopPipelineExecution(StopPipelineExecutionRequest request, RequestContext context) {
        CodePipelineRegion codePipeline = codePipeline(context);
        Pipeline p = codePipeline.pipeline(request.pipelineName());
        var execution = codePipeline.execution(p, request.pipelineExecutionId());
        codePipeline.stop(execution, Boolean.TRUE.equals(request.abandon()), request.reason());
        return StopPipelineExecutionResponse.builder().pipelineExecutionId(execution.id).build();
    }

    public PutApprovalResultResponse putApprovalResult(PutApprovalResultRequest request, RequestContext context) {
        CodePipelineRegion codePipeline = codePipeline(context);
        Pipeline p = codePipeline.pipeline(request.pipelineName());
        if (request.result() == null || request.result().status() == null) {
            throw SimError.client("ValidationException", "1 validation error detected: Value null at 'result.status' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        codePipeline.approve(p, request.stageName(), request.actionName(), request.token(),
                "Approved".equals(request.result().statusAsString()), request.result().summary());
        return PutApprovalResultResponse.builder().approvedAt(cloud.now()).build();
    }

    public GetPipelineExecutionResponse getPipelineExecution(GetPipelineExecutionRequest request, RequestContext context) {
        CodePipelineRegion codePipeline = codePipeline(context);
        Pipeline p = codePipeline.pipeline(request.pipelineName());
        var e = codePipeline.execution(p, request.pipelineExecutionId());
        List<ArtifactRevision> revisions = new ArrayList<>();
        e.artifacts.forEach((name, a) -> revisions.add(ArtifactRevision.builder().name(name).revisionId(a[2])
                .revisionSummary(a[3]).created(e.startTime).build()));
        PipelineExecution view = PipelineExecution.builder().pipelineName(p.name).pipelineVersion(p.version)
                .pipelineExecutionId(e.id).status(e.status).statusSummary(e.statusSummary).artifactRevisions(revisions)
                .variables(e.variables.entrySet().stream().map(v -> ResolvedPipelineVariable.builder().name(v.getKey())
                        .resolvedValue(v.getValue()).build()).toList())
                .trigger(t -> t.triggerType("StartPipelineExecution").triggerDetail(e.triggerDetail))
                .executionMode(p.executionMode).executionType("STANDARD").build();
        return GetPipelineExecutionResponse.builder().pipelineExecution(view).build();
    }

    public ListPipelineExecutionsResponse listPipelineExecutions(ListPipelineExecutionsRequest request, RequestContext context) {
        CodePipelineRegion codePipeline = codePipeline(context);
        Pipeline p = codePipeline.pipeline(request.pipelineName());
        List<PipelineExecutionSummary> all = codePipeline.executionsOf(p).stream().map(e -> PipelineExecutionSummary.builder()
                .pipelineExecutionId(e.id).status(e.status).statusSummary(e.statusSummary).startTime(e.startTime)
                .lastUpdateTime(e.lastUpdateTime).executionMode(p.executionMode).executionType("STANDARD")
                .trigger(t -> t.triggerType("StartPipelineExecution").triggerDetail(e.triggerDetail))
                .sourceRevisions(e.artifacts.values().stream().map(a -> SourceRevision.builder().actionName(a[4])
                        .revisionId(a[2]).revisionSummary(a[3]).build()).distinct().toList())
                .stopTrigger(e.stopReason == null ? null : software.amazon.awssdk.services.codepipeline.model.StopExecutionTrigger
                        .builder().reason(e.stopReason).build())
                .build()).toList();
        Paging<PipelineExecutionSummary> page = Paging.page(all, request.maxResults(), request.nextToken(), 100, invalidToken());
        return ListPipelineExecutionsResponse.builder().pipelineExecutionSummaries(page.items()).nextToken(page.nextToken()).build();
    }

    public ListActionExecutionsResponse listActionExecutions(ListActionExecutionsRequest request, RequestContext context) {
        CodePipelineRegion codePipeline = codePipeline(context);
        Pipeline p = codePipeline.pipeline(request.pipelineName());
        String only = request.filter() == null ? null : request.filter().pipelineExecutionId();
        if (only != null) {
            codePipeline.execution(p, only);
        }
        List<ActionExecutionDetail> all = new ArrayList<>();
        for (var e : codePipeline.executionsOf(p)) {
            if (only != null && !only.equals(e.id)) {
                continue;
            }
            for (int i = e.runs.size() - 1; i >= 0; i--) {
                all.add(detail(e, e.runs.get(i)));
            }
        }
        Paging<ActionExecutionDetail> page = Paging.page(all, request.maxResults(), request.nextToken(), 100, invalidToken());
        return ListActionExecutionsResponse.builder().actionExecutionDetails(page.items()).nextToken(page.nextToken()).build();
    }

    private static ActionExecutionDetail detail(io.jenkins.plugins.awsrollout.sim.codepipeline.PipelineExecution e, ActionRun run) {
        Pipeline.Action a = run.action;
        return ActionExecutionDetail.builder().pipelineExecutionId(e.id).actionExecutionId(run.id)
                .pipelineVersion(e.pipeline.version).stageName(run.stageName).actionName(a.name()).startTime(run.startTime)
                .lastUpdateTime(run.lastUpdateTime).status(run.status)
                .input(i -> i.actionTypeId(t -> t.category(a.category()).owner(a.owner()).provider(a.provider()).version(a.version()))
                        .configuration(a.configuration())
                        .resolvedConfiguration(CodePipelineRegion.resolvedConfiguration(e, a)).namespace(a.namespace()))
                .output(o -> o.executionResult(r -> r.externalExecutionId(run.externalExecutionId)
                                .externalExecutionSummary(run.summary != null ? run.summary : run.externalExecutionSummary)
                                .externalExecutionUrl(run.externalExecutionUrl)
                                .errorDetails(run.errorMessage == null ? null : software.amazon.awssdk.services.codepipeline.model
                                        .ErrorDetails.builder().code(run.errorCode).message(run.errorMessage).build()))
                        .outputVariables(run.outputVariables))
                .build();
    }

    public GetPipelineStateResponse getPipelineState(GetPipelineStateRequest request, RequestContext context) {
        CodePipelineRegion codePipeline = codePipeline(context);
        Pipeline p = codePipeline.pipeline(request.name());
        List<StageState> stages = new ArrayList<>();
        for (Pipeline.Stage stage : p.stages) {
            // The latest execution that reached this stage.
            var latest = codePipeline.executionsOf(p).stream().filter(e -> e.stageStatus(stage) != null).findFirst().orElse(null);
            List<ActionState> actions = new ArrayList<>();
            for (Pipeline.Action a : stage.actions()) {
                ActionRun run = latest == null ? null : latest.latest(stage.name(), a.name());
                ActionState.Builder state = ActionState.builder().actionName(a.name());
                if (run != null) {
                    state.latestExecution(ActionExecution.builder().actionExecutionId(run.id).status(run.status)
                            .summary(run.summary).lastStatusChange(run.lastUpdateTime).token(run.token)
                            .externalExecutionId(run.externalExecutionId).externalExecutionUrl(run.externalExecutionUrl)
                            .errorDetails(run.errorMessage == null ? null : software.amazon.awssdk.services.codepipeline.model
                                    .ErrorDetails.builder().code(run.errorCode).message(run.errorMessage).build())
                            .build());
                }
                actions.add(state.build());
            }
            StageState.Builder state = StageState.builder().stageName(stage.name()).actionStates(actions)
                    .inboundTransitionState(t -> t.enabled(true));
            if (latest != null) {
                state.latestExecution(x -> x.pipelineExecutionId(latest.id).status(latest.stageStatus(stage)));
            }
            stages.add(state.build());
        }
        return GetPipelineStateResponse.builder().pipelineName(p.name).pipelineVersion(p.version).stageStates(stages)
                .created(p.created).updated(p.created).build();
    }
}
