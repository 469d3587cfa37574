package io.jenkins.plugins.awsrollout.sim.codepipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.ApprovalAlreadyCompletedException;
import software.amazon.awssdk.services.codepipeline.model.CodePipelineException;
import software.amazon.awssdk.services.codepipeline.model.InvalidApprovalTokenException;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionNotStoppableException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.ValidationException;

class CodePipelineApiTest {

    private AwsSimulator sim;
    private CodePipelineClient codePipeline;

    private void start(World.Builder world) {
        sim = AwsSimulator.start(world.build(), ManualClock.at(Instant.parse("2026-01-01T00:00:00Z")));
        codePipeline = SimClients.of(sim).codePipeline();
    }

    @AfterEach
    void close() {
        if (codePipeline != null) {
            codePipeline.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private PipelineExecution execution(String id) {
        return codePipeline.getPipelineExecution(r -> r.pipelineName("web-release").pipelineExecutionId(id)).pipelineExecution();
    }

    private List<ActionExecutionDetail> actions(String id) {
        return codePipeline.listActionExecutionsPaginator(r -> r.pipelineName("web-release").filter(f -> f.pipelineExecutionId(id)))
                .actionExecutionDetails().stream().toList();
    }

    private ActionState approval() {
        return codePipeline.getPipelineState(r -> r.name("web-release")).stageStates().stream()
                .filter(s -> s.stageName().equals("Approve")).findFirst().orElseThrow().actionStates().get(0);
    }

    /** Advances simulated time five seconds at a time until {@code done} holds (at most {@code limit}). */
    private void until(Predicate<Void> done, Duration limit) {
        Instant end = sim.now().plus(limit);
        while (!done.test(null)) {
            assertThat(sim.now()).as("condition not met in time").isBefore(end);
            sim.advance(Duration.ofSeconds(5));
        }
    }

    private void untilStatus(String id, String status) {
        until(x -> execution(id).statusAsString().equals(status), Duration.ofMinutes(30));
    }

    private void untilApprovalWaits() {
        until(x -> approval().latestExecution() != null && "InProgress".equals(approval().latestExecution().statusAsString()),
                Duration.ofMinutes(30));
    }

    @Test
    void release_runsStagesInOrder_deploysForReal_andWaitsForItsApproval() {
        start(ReleaseWorlds.release(4));

        String id = codePipeline.startPipelineExecution(r -> r.name("web-release")
                .variables(v -> v.name("VERSION").value("2.0.1"))).pipelineExecutionId();
        assertThat(execution(id).statusAsString()).isEqualTo("InProgress");
        untilApprovalWaits();

        // Staging was deployed by a real CodeDeploy deployment of the source's object.
        ActionExecutionDetail staging = actions(id).stream().filter(a -> a.stageName().equals("Deploy-Staging")).findFirst().orElseThrow();
        assertThat(staging.statusAsString()).isEqualTo("Succeeded");
        String stagingDeployment = staging.output().executionResult().externalExecutionId();
        try (CodeDeployClient codeDeploy = SimClients.of(sim).codeDeploy()) {
            var info = codeDeploy.getDeployment(r -> r.deploymentId(stagingDeployment)).deploymentInfo();
            assertThat(info.deploymentGroupName()).isEqualTo("web-staging-dg");
            assertThat(info.statusAsString()).isEqualTo("Succeeded");
            assertThat(info.revision().s3Location().key()).isEqualTo("web/2.0.zip");
        }
        assertThat(execution(id).variables()).singleElement()
                .satisfies(v -> assertThat(v.name() + "=" + v.resolvedValue()).isEqualTo("VERSION=2.0.1"));
        String token = approval().latestExecution().token();
        assertThat(token).isNotBlank();

        assertThatThrownBy(() -> codePipeline.putApprovalResult(r -> r.pipelineName("web-release").stageName("Approve")
                .actionName("Approve").token("not-the-token").result(x -> x.status("Approved").summary("ok"))))
                .isInstanceOf(InvalidApprovalTokenException.class);
        codePipeline.putApprovalResult(r -> r.pipelineName("web-release").stageName("Approve").actionName("Approve").token(token)
                .result(x -> x.status("Approved").summary("looks good")));
        assertThatThrownBy(() -> codePipeline.putApprovalResult(r -> r.pipelineName("web-release").stageName("Approve")
                .actionName("Approve").token(token).result(x -> x.status("Approved").summary("again"))))
                .isInstanceOf(ApprovalAlreadyCompletedException.class);

        untilStatus(id, "Succeeded");
        assertThat(actions(id)).extracting(a -> a.stageName() + "/" + a.actionName() + " " + a.statusAsString())
                .containsExactly("Deploy-Prod/Deploy Succeeded", "Approve/Approve Succeeded", "Deploy-Staging/Deploy Succeeded",
                        "Source/Source Succeeded");
        assertThat(sim.state().group("web").instances()).hasSize(4);
        assertThat(sim.calls().of("CreateDeployment")).isEmpty(); // the pipeline made them, not a caller
    }

    @Test
    void rejectedApproval_failsTheExecution() {
        start(ReleaseWorlds.release(2));
        String id = codePipeline.startPipelineExecution(r -> r.name("web-release")).pipelineExecutionId();
        untilApprovalWaits();

        codePipeline.putApprovalResult(r -> r.pipelineName("web-release").stageName("Approve").actionName("Approve")
                .token(approval().latestExecution().token()).result(x -> x.status("Rejected").summary("not today")));

        assertThat(execution(id).statusAsString()).isEqualTo("Failed");
        assertThat(approval().latestExecution().errorDetails().message()).isEqualTo("Rejected: not today");
        assertThat(actions(id)).noneMatch(a -> a.stageName().equals("Deploy-Prod"));
    }

    @Test
    void failedDeployment_failsTheActionWithCodeDeploysReason() {
        start(ReleaseWorlds.release(2, "web/broken.zip", p -> {}));
        String id = codePipeline.startPipelineExecution(r -> r.name("web-release")).pipelineExecutionId();

        untilStatus(id, "Failed");

        ActionExecutionDetail staging = actions(id).get(0);
        assertThat(staging.stageName()).isEqualTo("Deploy-Staging");
        assertThat(staging.statusAsString()).isEqualTo("Failed");
        assertThat(staging.output().executionResult().errorDetails().message())
                .startsWith("Deployment " + staging.output().executionResult().externalExecutionId() + " failed");
        assertThat(execution(id).statusSummary()).isEqualTo(staging.output().executionResult().errorDetails().message());
    }

    @Test
    void stop_abandonEndsAtOnce_finishWaitsForTheRunningAction() {
        start(ReleaseWorlds.release(2));
        String first = codePipeline.startPipelineExecution(r -> r.name("web-release")).pipelineExecutionId();
        until(x -> actions(first).stream().anyMatch(a -> a.stageName().equals("Deploy-Staging")), Duration.ofMinutes(1));

        codePipeline.stopPipelineExecution(r -> r.pipelineName("web-release").pipelineExecutionId(first).abandon(false)
                .reason("build aborted"));
        assertThat(execution(first).statusAsString()).isEqualTo("Stopping");
        untilStatus(first, "Stopped");
        assertThat(actions(first)).extracting(a -> a.stageName() + " " + a.statusAsString())
                .containsExactly("Deploy-Staging Succeeded", "Source Succeeded");
        assertThatThrownBy(() -> codePipeline.stopPipelineExecution(r -> r.pipelineName("web-release").pipelineExecutionId(first)))
                .isInstanceOf(PipelineExecutionNotStoppableException.class);

        String second = codePipeline.startPipelineExecution(r -> r.name("web-release")).pipelineExecutionId();
        until(x -> actions(second).stream().anyMatch(a -> a.stageName().equals("Deploy-Staging")), Duration.ofMinutes(1));
        codePipeline.stopPipelineExecution(r -> r.pipelineName("web-release").pipelineExecutionId(second).abandon(true));
        assertThat(execution(second).statusAsString()).isEqualTo("Stopped");
        assertThat(actions(second).get(0).statusAsString()).isEqualTo("Abandoned");
        assertThat(codePipeline.listPipelineExecutions(r -> r.pipelineName("web-release")).pipelineExecutionSummaries())
                .extracting(s -> s.pipelineExecutionId()).containsExactly(second, first);
    }

    @Test
    void clientRequestToken_startsOneExecution() {
        start(ReleaseWorlds.release(2));
        String a = codePipeline.startPipelineExecution(r -> r.name("web-release").clientRequestToken("build-7-1")).pipelineExecutionId();
        String b = codePipeline.startPipelineExecution(r -> r.name("web-release").clientRequestToken("build-7-1")).pipelineExecutionId();
        assertThat(b).isEqualTo(a);
        assertThat(codePipeline.listPipelineExecutions(r -> r.pipelineName("web-release")).pipelineExecutionSummaries()).hasSize(1);
    }

    @Test
    void errors_areCodePipelines() {
        start(ReleaseWorlds.release(2));
        assertThatThrownBy(() -> codePipeline.getPipeline(r -> r.name("nope"))).isInstanceOf(PipelineNotFoundException.class)
                .hasMessageContaining("does not have a pipeline with name 'nope'");
        assertThatThrownBy(() -> codePipeline.startPipelineExecution(r -> r.name("web-release").variables(v -> v.name("NOPE").value("1"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> codePipeline.getPipelineExecution(r -> r.pipelineName("web-release").pipelineExecutionId("x")))
                .isInstanceOf(PipelineExecutionNotFoundException.class);
        assertThatThrownBy(() -> codePipeline.listPipelineExecutions(r -> r.pipelineName("web-release").nextToken("bogus")))
                .isInstanceOf(CodePipelineException.class).hasMessageContaining("next token");
    }

    @Test
    void getPipeline_describesTheDeclaration_andActionsPage() {
        start(ReleaseWorlds.release(2));
        var pipeline = codePipeline.getPipeline(r -> r.name("web-release")).pipeline();
        assertThat(pipeline.pipelineTypeAsString()).isEqualTo("V2");
        assertThat(pipeline.stages()).extracting(s -> s.name()).containsExactly("Source", "Deploy-Staging", "Approve", "Deploy-Prod");
        assertThat(pipeline.stages().get(1).actions().get(0).actionTypeId().provider()).isEqualTo("CodeDeploy");
        assertThat(pipeline.stages().get(1).actions().get(0).configuration()).containsEntry("DeploymentGroupName", "web-staging-dg");

        String id = codePipeline.startPipelineExecution(r -> r.name("web-release")).pipelineExecutionId();
        untilApprovalWaits();
        var page = codePipeline.listActionExecutions(r -> r.pipelineName("web-release").maxResults(2));
        assertThat(page.actionExecutionDetails()).hasSize(2);
        assertThat(page.nextToken()).isNotNull();
        assertThat(actions(id)).hasSize(3);
    }
}
