package io.jenkins.plugins.awsrollout.sim.codepipeline;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.codedeploy.CodeDeployRegion;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;

/**
 * One region's pipelines and their executions, and what moves an execution on through simulated time: stages one
 * after the other, each stage's actions by run order; a {@code CodeDeploy} action makes a real deployment in the
 * simulated CodeDeploy and ends with it; a manual approval waits for {@code PutApprovalResult}; any other action ends
 * after its duration with its outcome.
 */
public final class CodePipelineRegion {
    /** Between two stages. */
    static final Duration TRANSITION = Duration.ofSeconds(1);
    /** CodePipeline creates deployments through its service role: CodeDeploy records them as a user's. */
    static final String CREATOR = "user";
    private static final Pattern REFERENCE = Pattern.compile("#\\{([A-Za-z0-9@\\-_]+)\\.([A-Za-z0-9@\\-_]+)}");

    private final Cloud cloud;
    private final CloudRegion region;
    final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    /** Every execution, oldest first. */
    final Map<String, PipelineExecution> executions = new LinkedHashMap<>();

    private CodePipelineRegion(CloudRegion region) {
        this.cloud = region.cloud();
        this.region = region;
    }

    public static CodePipelineRegion of(CloudRegion region) {
        return region.extension(CodePipelineRegion.class, CodePipelineRegion::new);
    }

    Pipeline pipeline(String name) {
        Pipeline pipeline = name == null ? null : pipelines.get(name);
        if (pipeline == null) {
            throw SimError.client("PipelineNotFoundException", "Account '" + cloud.accountId()
                    + "' does not have a pipeline with name '" + name + "'");
        }
        return pipeline;
    }

    PipelineExecution execution(Pipeline pipeline, String id) {
        PipelineExecution execution = id == null ? null : executions.get(id);
        if (execution == null || execution.pipeline != pipeline) {
            throw SimError.client("PipelineExecutionNotFoundException", "Pipeline execution ID " + id
                    + " is not found for pipeline " + pipeline.name + ".");
        }
        return execution;
    }

    List<PipelineExecution> executionsOf(Pipeline pipeline) {
        List<PipelineExecution> found = new ArrayList<>();
        for (PipelineExecution e : executions.values()) {
            if (e.pipeline == pipeline) {
                found.add(0, e);
            }
        }
        return found;
    }

    void add(Pipeline pipeline) {
        pipelines.put(pipeline.name, pipeline);
    }

    // ---- starting and stopping ----

    PipelineExecution start(Pipeline pipeline, Map<String, String> variables, Map<String, String[]> sourceRevisions,
            String clientRequestToken, String triggerDetail) {
        if (clientRequestToken != null) {
            for (PipelineExecution e : executions.values()) {
                if (e.pipeline == pipeline && clientRequestToken.equals(e.clientRequestToken)) {
                    return e;
                }
            }
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Pipeline.Variable v : pipeline.variables) {
            if (v.defaultValue() != null) {
                resolved.put(v.name(), v.defaultValue());
            }
        }
        for (Map.Entry<String, String> v : variables.entrySet()) {
            if (pipeline.variables.stream().noneMatch(d -> d.name().equals(v.getKey()))) {
                throw SimError.client("ValidationException", "Pipeline variable " + v.getKey() + " is not declared in pipeline "
                        + pipeline.name + ".");
            }
            resolved.put(v.getKey(), v.getValue());
        }
        for (Pipeline.Variable v : pipeline.variables) {
            if (!resolved.containsKey(v.name())) {
                throw SimError.client("ValidationException", "Pipeline variable " + v.name() + " has no default value and no value was given.");
            }
        }
        for (String actionName : sourceRevisions.keySet()) {
            boolean isSource = pipeline.stages.stream().flatMap(s -> s.actions().stream())
                    .anyMatch(a -> a.name().equals(actionName) && a.isSource());
            if (!isSource) {
                throw SimError.client("ValidationException", "Source revision override given for action " + actionName
                        + ", which is not a source action of pipeline " + pipeline.name + ".");
            }
        }
        PipelineExecution e = new PipelineExecution(cloud.ids().uuid(), pipeline, cloud.now(), triggerDetail, clientRequestToken,
                resolved, sourceRevisions);
        executions.put(e.id, e);
        cloud.scheduleIn(TRANSITION, () -> enterStage(e, 0));
        return e;
    }

    void stop(PipelineExecution e, boolean abandon, String reason) {
        if (!e.active()) {
            throw SimError.client("PipelineExecutionNotStoppableException", "Unable to stop pipeline execution " + e.id
                    + " because its status is " + e.status + ".");
        }
        if (e.stopping && !abandon) {
            throw SimError.client("DuplicatedStopRequestException", "Pipeline execution " + e.id + " is already being stopped.");
        }
        e.stopping = true;
        e.stopReason = reason;
        e.status = "Stopping";
        e.lastUpdateTime = cloud.now();
        for (ActionRun run : e.inProgress()) {
            // An approval has nothing in flight to wait for.
            if (abandon || run.action.isApproval()) {
                run.end("Abandoned", cloud.now());
            }
        }
        if (e.inProgress().isEmpty()) {
            stopped(e);
        }
    }

    private void stopped(PipelineExecution e) {
        e.status = "Stopped";
        e.statusSummary = e.stopReason;
        e.lastUpdateTime = cloud.now();
    }

    // ---- approvals ----

    /** Approves or rejects the waiting manual approval {@code stageName}/{@code actionName} holding {@code token}. */
    void approve(Pipeline pipeline, String stageName, String actionName, String token, boolean approved, String summary) {
        Pipeline.Stage stage = pipeline.stage(stageName);
        if (stage == null) {
            throw SimError.client("StageNotFoundException", "Stage " + stageName + " does not exist in pipeline " + pipeline.name + ".");
        }
        Pipeline.Action action = stage.action(actionName);
        if (action == null || !action.isApproval()) {
            throw SimError.client("ActionNotFoundException", "Action " + actionName + " does not exist in stage " + stageName
                    + " of pipeline " + pipeline.name + ".");
        }
        ActionRun latest = null;
        for (PipelineExecution e : executionsOf(pipeline)) {
            ActionRun run = e.latest(stageName, actionName);
            if (run != null && (latest == null || run.startTime.isAfter(latest.startTime))) {
                latest = run;
            }
        }
        if (latest == null || !latest.inProgress()) {
            throw SimError.client("ApprovalAlreadyCompletedException", "The approval action " + actionName
                    + " has already been completed or has no approval pending.");
        }
        if (!latest.token.equals(token)) {
            throw SimError.client("InvalidApprovalTokenException", "The approval token " + token + " is not valid for action "
                    + actionName + ".");
        }
        latest.summary = summary;
        PipelineExecution execution = executions.get(latest.executionId);
        if (approved) {
            finish(execution, latest, true, null);
        } else {
            finish(execution, latest, false, "Rejected" + (summary == null || summary.isBlank() ? "" : ": " + summary));
        }
    }

    // ---- the execution's run through time ----

    private void enterStage(PipelineExecution e, int index) {
        if (!e.active()) {
            return;
        }
        if (e.stopping) {
            stopped(e);
            return;
        }
        if (index >= e.pipeline.stages.size()) {
            e.status = "Succeeded";
            e.lastUpdateTime = cloud.now();
            return;
        }
        e.stageIndex = index;
        e.runOrder = e.pipeline.stages.get(index).actions().stream().mapToInt(Pipeline.Action::runOrder).min().orElse(1);
        e.lastUpdateTime = cloud.now();
        startRunOrder(e);
    }

    private void startRunOrder(PipelineExecution e) {
        Pipeline.Stage stage = e.pipeline.stages.get(e.stageIndex);
        List<Pipeline.Action> now = stage.actions().stream().filter(a -> a.runOrder() == e.runOrder).toList();
        for (Pipeline.Action action : now) {
            startAction(e, stage, action);
        }
    }

    private void startAction(PipelineExecution e, Pipeline.Stage stage, Pipeline.Action action) {
        ActionRun run = new ActionRun(cloud.ids().uuid(), e.id, stage.name(), action, cloud.now());
        e.runs.add(run);
        if (action.isApproval()) {
            run.token = cloud.ids().uuid();
            return;
        }
        if (action.isCodeDeploy()) {
            startDeployment(e, run);
            return;
        }
        if (action.isSource()) {
            String[] override = e.sourceRevisions.get(action.name());
            String bucket = action.configuration().get("S3Bucket");
            String key = action.configuration().get("S3ObjectKey");
            String revision;
            if (override != null && "S3_OBJECT_KEY".equals(override[0])) {
                key = override[1];
                revision = cloud.ids().hex("", 32);
            } else if (override != null) {
                revision = override[1];
            } else {
                revision = bucket != null ? cloud.ids().hex("", 32) : cloud.ids().hex("", 40);
            }
            run.externalExecutionId = revision;
            run.externalExecutionSummary = key != null ? "s3://" + bucket + "/" + key : revision;
            for (String artifact : action.outputArtifacts()) {
                e.artifacts.put(artifact, new String[] {bucket, key, revision, run.externalExecutionSummary, action.name()});
            }
        } else {
            run.externalExecutionId = action.provider().toLowerCase() + "-" + cloud.ids().hex("", 8);
        }
        cloud.scheduleIn(action.duration(), () -> finish(e, run, "Succeeded".equals(action.outcome()),
                action.errorMessage() != null ? action.errorMessage() : action.name() + " failed."));
    }

    private void startDeployment(PipelineExecution e, ActionRun run) {
        Map<String, String> config = run.action.configuration();
        RevisionLocation revision = revision(e, run.action);
        if (revision == null) {
            run.fail("JobFailed", "No input artifact with a revision for " + run.action.name() + ".", cloud.now());
            afterAction(e);
            return;
        }
        try {
            String id = CodeDeployRegion.of(region).deployFor(CREATOR, config.get("ApplicationName"),
                    config.get("DeploymentGroupName"), revision, "Deployment of pipeline " + e.pipeline.name + " execution " + e.id,
                    (status, message) -> finish(e, run, "Succeeded".equals(status),
                            "Deployment " + run.externalExecutionId + " " + status.toLowerCase()
                                    + (message == null ? "." : ": " + message)));
            run.externalExecutionId = id;
            run.externalExecutionSummary = "Deployment " + id;
            run.externalExecutionUrl = "https://console.aws.amazon.com/codedeploy/home?region=" + region.name()
                    + "#/deployments/" + id;
        } catch (SimError error) {
            run.fail("JobFailed", error.getMessage(), cloud.now());
            afterAction(e);
        }
    }

    /** The input artifact's S3 object, or the action's own {@code S3Bucket}/{@code S3ObjectKey}. */
    private static RevisionLocation revision(PipelineExecution e, Pipeline.Action action) {
        String bucket = action.configuration().get("S3Bucket");
        String key = action.configuration().get("S3ObjectKey");
        for (String input : action.inputArtifacts()) {
            String[] artifact = e.artifacts.get(input);
            if (artifact != null && artifact[0] != null) {
                bucket = artifact[0];
                key = artifact[1];
            }
        }
        if (bucket == null || key == null) {
            return null;
        }
        String b = bucket;
        String k = key;
        return RevisionLocation.builder().revisionType("S3")
                .s3Location(s -> s.bucket(b).key(k).bundleType(k.endsWith(".tar") ? "tar" : k.endsWith(".tgz") ? "tgz" : "zip"))
                .build();
    }

    private void finish(PipelineExecution e, ActionRun run, boolean succeeded, String message) {
        if (!run.inProgress()) {
            return; // abandoned by a stop
        }
        if (succeeded) {
            run.end("Succeeded", cloud.now());
            for (Map.Entry<String, String> v : run.action.outputVariables().entrySet()) {
                run.outputVariables.put(v.getKey(), resolve(e, v.getValue()));
            }
        } else {
            run.fail("JobFailed", message, cloud.now());
        }
        e.lastUpdateTime = cloud.now();
        afterAction(e);
    }

    private void afterAction(PipelineExecution e) {
        if (!e.active() || !e.inProgress().isEmpty()) {
            return;
        }
        if (e.stopping) {
            stopped(e);
            return;
        }
        Pipeline.Stage stage = e.pipeline.stages.get(e.stageIndex);
        ActionRun failed = e.runs.stream().filter(r -> r.stageName.equals(stage.name()) && r.action.runOrder() == e.runOrder
                && "Failed".equals(r.status)).findFirst().orElse(null);
        if (failed != null) {
            e.status = "Failed";
            e.statusSummary = failed.errorMessage;
            e.lastUpdateTime = cloud.now();
            return;
        }
        int next = stage.actions().stream().mapToInt(Pipeline.Action::runOrder).filter(o -> o > e.runOrder).min().orElse(-1);
        if (next > 0) {
            e.runOrder = next;
            startRunOrder(e);
        } else {
            cloud.scheduleIn(TRANSITION, () -> enterStage(e, e.stageIndex + 1));
        }
    }

    /** {@code #{variables.VERSION}} and {@code #{Namespace.name}} replaced by their values, as CodePipeline resolves them. */
    static String resolve(PipelineExecution e, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = null;
            if ("variables".equals(m.group(1))) {
                value = e.variables.get(m.group(2));
            } else {
                for (ActionRun run : e.runs) {
                    if (m.group(1).equals(run.action.namespace())) {
                        value = run.outputVariables.get(m.group(2));
                    }
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The action's configuration with variables resolved for this execution. */
    static Map<String, String> resolvedConfiguration(PipelineExecution e, Pipeline.Action action) {
        Map<String, String> resolved = new LinkedHashMap<>();
        action.configuration().forEach((k, v) -> resolved.put(k, resolve(e, v)));
        return resolved;
    }
}
