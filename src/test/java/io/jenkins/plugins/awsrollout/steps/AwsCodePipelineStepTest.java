package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.sim.codepipeline.ReleaseWorlds;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;

class AwsCodePipelineStepTest {

    private static final Pattern EXECUTION = Pattern.compile("Started execution ([0-9a-f-]{36})");

    private SimulatedAws aws;

    @AfterEach
    void close() {
        if (aws != null) {
            aws.close();
        }
    }

    private void start(World.Builder world) {
        aws = SimulatedAws.start(world.build());
    }

    static AwsCodePipelineStep release() {
        AwsCodePipelineStep step = new AwsCodePipelineStep("web-release");
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    static AwsCodePipelineStep release(Consumer<AwsCodePipelineStep> configure) {
        AwsCodePipelineStep step = release();
        configure.accept(step);
        return step;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(TestStepContext build) {
        assertThat(build.failure()).as(build.log()).isNull();
        return (Map<String, Object>) build.result();
    }

    private List<Call> ours(String action) {
        return aws.sim().calls().matching(c -> c.action().equals(action) && !c.accessKeyId().startsWith("AKIASIMULATOR"));
    }

    private static String executionId(String log) {
        Matcher m = EXECUTION.matcher(log);
        assertThat(m.find()).as(log).isTrue();
        return m.group(1);
    }

    private String status(String executionId) {
        try (CodePipelineClient codePipeline = SimClients.of(aws.sim()).codePipeline()) {
            return codePipeline.getPipelineExecution(r -> r.pipelineName("web-release").pipelineExecutionId(executionId))
                    .pipelineExecution().statusAsString();
        }
    }

    private String deploymentStatus(String deploymentId) {
        try (CodeDeployClient codeDeploy = SimClients.of(aws.sim()).codeDeploy()) {
            return codeDeploy.getDeployment(r -> r.deploymentId(deploymentId)).deploymentInfo().statusAsString();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stage(Map<String, Object> result, String name) {
        return ((List<Map<String, Object>>) result.get("stages")).stream().filter(s -> s.get("name").equals(name)).findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> action(Map<String, Object> result, String stage) {
        return ((List<Map<String, Object>>) stage(result, stage).get("actions")).get(0);
    }

    // ---- a release

    @Test
    void approvalsApprove_runsTheWholeReleaseAndReturnsItsStages() throws Exception {
        start(ReleaseWorlds.release(4));

        TestStepContext build = aws.run(release(s -> {
            s.setVariables(Map.of("VERSION", 2.1));
            s.setApprovals("approve");
        }));

        Map<String, Object> result = result(build);
        String id = executionId(build.log());
        assertThat(result).containsEntry("executionId", id).containsEntry("status", "Succeeded").containsEntry("reason", null)
                .containsEntry("pipeline", "web-release");
        assertThat((Map<String, Object>) result.get("variables")).containsEntry("VERSION", "2.1");
        assertThat(stage(result, "Deploy-Prod")).containsEntry("status", "Succeeded");
        String staging = (String) action(result, "Deploy-Staging").get("externalExecutionId");
        String prod = (String) action(result, "Deploy-Prod").get("externalExecutionId");
        assertThat(List.of(staging, prod)).allSatisfy(d -> assertThat(deploymentStatus(d)).isEqualTo("Succeeded"));
        assertThat(action(result, "Approve")).containsEntry("status", "Succeeded")
                .containsEntry("summary", "Approved by Jenkins: https://jenkins.example.com/job/test/1/");
        assertThat(build.log()).contains(
                "[awsCodePipeline] PLAN Pipeline web-release (V2): Source → Deploy-Staging → Approve → Deploy-Prod; approvals: approve.",
                "[awsCodePipeline] START Started execution " + id + " of web-release with VERSION=2.1: https://us-east-1.console.aws"
                        + ".amazon.com/codesuite/codepipeline/pipelines/web-release/executions/" + id + "/timeline?region=us-east-1",
                "[awsCodePipeline] STAGE Source started.",
                "[awsCodePipeline] STAGE Source succeeded.",
                "[awsCodePipeline] ACTION Deploy-Staging/Deploy InProgress: CodeDeploy deployment " + staging,
                "[awsCodePipeline] ACTION Deploy-Staging/Deploy Succeeded: CodeDeploy deployment " + staging + ".",
                "[awsCodePipeline] APPROVE Approved Approve/Approve of execution " + id
                        + ": Approved by Jenkins: https://jenkins.example.com/job/test/1/",
                "[awsCodePipeline] DONE Execution " + id + " of web-release succeeded in ");
        assertThat(ours("StartPipelineExecution")).singleElement().satisfies(c -> assertThat(c.params())
                .containsEntry("variables.1.name", "VERSION").containsEntry("variables.1.value", "2.1")
                .hasEntrySatisfying("clientRequestToken", t -> assertThat(t).startsWith("jenkins-")));
        assertThat(ours("PutApprovalResult")).hasSize(1);
        // Polls read the execution and its actions in two calls (plus GetPipelineState at an approval), not per action.
        assertThat(ours("ListActionExecutions").size()).isLessThanOrEqualTo(ours("GetPipelineExecution").size() + 1);
    }

    @Test
    void approvalsInput_returnsAtTheApproval_andASecondCallApprovesIt() throws Exception {
        start(ReleaseWorlds.release(2));

        TestStepContext first = aws.run(release(s -> s.setApprovals("input")));

        Map<String, Object> waiting = result(first);
        String id = (String) waiting.get("executionId");
        assertThat(waiting).containsEntry("status", "AwaitingApproval").containsEntry("approvalStage", "Approve")
                .containsEntry("approvalAction", "Approve");
        assertThat((String) waiting.get("approvalToken")).isNotBlank();
        assertThat(first.log()).contains("[awsCodePipeline] APPROVE Execution " + id + " waits for approval at Approve/Approve; "
                + "returning so that the build can ask (awsCodePipeline executionId: '" + id + "', approve: true).");
        assertThat(status(id)).isEqualTo("InProgress");

        TestStepContext second = aws.run(release(s -> {
            s.setExecutionId(id);
            s.setApprove(true);
            s.setApprovalSummary("approved by alice in Jenkins");
        }));

        Map<String, Object> done = result(second);
        assertThat(done).containsEntry("executionId", id).containsEntry("status", "Succeeded");
        assertThat(second.log()).contains("[awsCodePipeline] APPROVE Approved Approve/Approve of execution " + id
                + ": approved by alice in Jenkins");
        assertThat(ours("StartPipelineExecution")).hasSize(1);
    }

    @Test
    void rejectedApproval_failsWithTheRejection() throws Exception {
        start(ReleaseWorlds.release(2));
        String id = (String) result(aws.run(release(s -> s.setApprovals("input")))).get("executionId");

        TestStepContext build = aws.run(release(s -> {
            s.setExecutionId(id);
            s.setApprove(false);
            s.setApprovalSummary("not on a Friday");
        }));

        assertThat(build.failure()).isInstanceOf(AbortException.class)
                .hasMessage("Execution " + id + " of web-release failed at Approve/Approve: Rejected: not on a Friday");
        assertThat(status(id)).isEqualTo("Failed");
    }

    @Test
    void approvalsWait_waitsUntilSomeoneApprovesInAws() throws Exception {
        start(ReleaseWorlds.release(2));
        TestStepContext build = aws.context("test", 1);
        aws.start(release(), build);
        aws.scheduler().runUntil(() -> build.log().contains("waits for approval"), 10_000);
        String id = executionId(build.log());
        aws.scheduler().runUntil(() -> false, 50); // keeps waiting, quietly
        assertThat(build.isCompleted()).isFalse();
        assertThat(build.log().split("waits for approval", -1)).hasSize(2);

        try (CodePipelineClient codePipeline = SimClients.of(aws.sim()).codePipeline()) {
            String token = codePipeline.getPipelineState(r -> r.name("web-release")).stageStates().get(2).actionStates().get(0)
                    .latestExecution().token();
            codePipeline.putApprovalResult(r -> r.pipelineName("web-release").stageName("Approve").actionName("Approve")
                    .token(token).result(x -> x.status("Approved").summary("ok")));
        }
        aws.runToEnd(build);

        assertThat(result(build)).containsEntry("status", "Succeeded").containsEntry("executionId", id);
        assertThat(ours("PutApprovalResult")).isEmpty();
    }

    // ---- failures

    @Test
    void failedCodeDeployAction_isExplainedDownToTheScript() throws Exception {
        start(ReleaseWorlds.release(2, "web/broken.zip", p -> {}));

        TestStepContext build = aws.run(release());

        String id = executionId(build.log());
        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageMatching(
                "Execution " + id + " of web-release failed at Deploy-Staging/Deploy: deployment d-[A-Z0-9]{9} failed on "
                        + "i-[0-9a-f]{17} at ValidateService \\(scripts/validate.sh\\): 'curl: \\(7\\) Failed to connect to localhost port 80 .*'");
        assertThat(build.log()).contains("[awsCodePipeline] STAGE Deploy-Staging failed.");
    }

    @Test
    void failOnErrorFalse_returnsTheFailureInTheMap() throws Exception {
        start(ReleaseWorlds.release(2, "web/2.0.zip", p -> p.stage("Test", s -> s.action("Smoke", "Test", "CodeBuild",
                a -> a.seconds(30).fails("3 of 120 smoke tests failed")))));

        TestStepContext build = aws.run(release(s -> {
            s.setApprovals("approve");
            s.setFailOnError(false);
        }));

        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("status", "Failed").containsEntry("reason",
                "Execution " + result.get("executionId") + " of web-release failed at Test/Smoke: 3 of 120 smoke tests failed");
        assertThat(stage(result, "Test")).containsEntry("status", "Failed");
        assertThat(stage(result, "Deploy-Prod")).containsEntry("status", "Succeeded");
    }

    // ---- abort, timeout, restart

    @Test
    void abort_whileADeployActionRuns_stopsTheExecutionLettingTheDeploymentFinish() throws Exception {
        start(ReleaseWorlds.release(2));
        TestStepContext build = aws.context("test", 1);
        StepExecution execution = aws.start(release(), build);
        aws.scheduler().runUntil(() -> build.log().contains("Deploy-Staging/Deploy InProgress"), 10_000);
        String id = executionId(build.log());

        CancellationException cause = new CancellationException("aborted by admin");
        execution.stop(cause);
        aws.runToEnd(build);

        assertThat(build.failure()).isSameAs(cause);
        assertThat(status(id)).isEqualTo("Stopped");
        assertThat(ours("StopPipelineExecution")).singleElement().satisfies(c -> assertThat(c.params())
                .containsEntry("abandon", "false").containsEntry("reason",
                        "Stopped by Jenkins (build aborted): https://jenkins.example.com/job/test/1/"));
        assertThat(build.log()).contains("[awsCodePipeline] STOP Stopping execution " + id
                        + " of web-release; its in-progress actions finish first.",
                "[awsCodePipeline] STOP Stopped execution " + id + " of web-release.");
    }

    @Test
    void abort_withStopModeAbandon_andWithOnAbortLeave() throws Exception {
        start(ReleaseWorlds.release(2));
        TestStepContext abandoning = aws.context("test", 1);
        StepExecution first = aws.start(release(s -> s.setStopMode("abandon")), abandoning);
        aws.scheduler().runUntil(() -> abandoning.log().contains("Deploy-Staging/Deploy InProgress"), 10_000);
        first.stop(new CancellationException("aborted"));
        aws.runToEnd(abandoning);
        assertThat(status(executionId(abandoning.log()))).isEqualTo("Stopped");
        assertThat(ours("StopPipelineExecution")).singleElement().satisfies(c -> assertThat(c.param("abandon")).isEqualTo("true"));
        // The abandoned action's deployment goes on in CodeDeploy (as in AWS) until it ends.
        aws.sim().advance(java.time.Duration.ofMinutes(10));

        TestStepContext leaving = aws.context("test", 2);
        StepExecution second = aws.start(release(s -> s.setOnAbort("leave")), leaving);
        aws.scheduler().runUntil(() -> leaving.log().contains("Deploy-Staging/Deploy InProgress"), 10_000);
        second.stop(new CancellationException("aborted"));
        aws.runToEnd(leaving);
        String id = executionId(leaving.log());
        assertThat(leaving.log()).contains("Execution " + id + " of web-release was left running (onAbort: 'leave').");
        assertThat(status(id)).isEqualTo("InProgress");
        assertThat(ours("StopPipelineExecution")).hasSize(1);
    }

    @Test
    void timeout_stopsTheExecutionAndSaysSo() throws Exception {
        start(ReleaseWorlds.release(2));

        TestStepContext build = aws.run(release(s -> s.setTimeoutMinutes(5)));

        String id = executionId(build.log());
        assertThat(status(id)).isEqualTo("Stopped");
        assertThat(build.failure()).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("Release through pipeline web-release timed out after 5m")
                .hasMessageContaining("waiting for execution " + id + " to finish (InProgress: Approve/Approve)")
                .hasMessageEndingWith("Stopped execution " + id + " of web-release.");
    }

    @Test
    void restart_whileWaiting_followsTheSameExecution() throws Exception {
        start(ReleaseWorlds.release(2));
        TestStepContext build = aws.context("test", 1);
        aws.start(release(s -> s.setApprovals("approve")), build);
        aws.scheduler().runUntil(() -> build.log().contains("Deploy-Staging/Deploy InProgress"), 10_000);

        aws.restart(build);
        aws.runToEnd(build);

        assertThat(result(build)).containsEntry("status", "Succeeded").containsEntry("executionId", executionId(build.log()));
        assertThat(ours("StartPipelineExecution")).hasSize(1);
        // What was seen before the restart is not announced again.
        assertThat(build.log().split("Deploy-Staging/Deploy InProgress", -1)).hasSize(2);
    }

    @Test
    void restart_whenTheStartTickIsReplayed_adoptsTheExecutionInsteadOfStartingAnother() throws Exception {
        start(ReleaseWorlds.release(2));
        TestStepContext build = aws.context("test", 1);
        aws.start(release(s -> s.setApprovals("approve")), build);
        byte[] beforeStart = null;
        while (aws.sim().calls().count("StartPipelineExecution") == 0) {
            beforeStart = build.savedBytes();
            aws.scheduler().runUntil(() -> false, 1);
        }

        // The controller died after StartPipelineExecution answered, before the execution id was saved.
        aws.restartFrom(build, beforeStart);
        aws.runToEnd(build);

        assertThat(result(build)).containsEntry("status", "Succeeded");
        assertThat(ours("StartPipelineExecution")).hasSize(2).extracting(c -> c.param("clientRequestToken")).containsOnly(
                ours("StartPipelineExecution").get(0).param("clientRequestToken"));
        try (CodePipelineClient codePipeline = SimClients.of(aws.sim()).codePipeline()) {
            assertThat(codePipeline.listPipelineExecutions(r -> r.pipelineName("web-release")).pipelineExecutionSummaries()).hasSize(1);
        }
    }

    // ---- bad input

    static List<Object[]> badInput() {
        return List.of(
                new Object[] {release(s -> {}), null},
                new Object[] {release(s -> s.setApprove(true)), "approve answers the approval an execution waits at: set executionId too"},
                new Object[] {release(s -> s.setApprovals("sometimes")), "Invalid approvals: 'sometimes' must be 'wait' or 'approve' or 'input'."},
                new Object[] {release(s -> s.setExecutionId("abc")), "Invalid executionId: 'abc' is not a pipeline execution id"},
                new Object[] {release(s -> {
                    s.setExecutionId("3137f7cb-7cf7-4c3f-8a55-f3c9e1a2b7d4");
                    s.setVariables(Map.of("VERSION", "1"));
                }), "variables only apply when an execution is started"},
                new Object[] {release(s -> s.setSourceRevisions(List.of(new CodePipelineSourceRevision("Source", "BRANCH", "main")))),
                        "Invalid sourceRevisions.revisionType: 'BRANCH' must be COMMIT_ID, IMAGE_DIGEST, S3_OBJECT_KEY or S3_OBJECT_VERSION_ID."},
                new Object[] {release(s -> s.setTimeoutMinutes(0)), "Invalid timeoutMinutes: '0' must be from 1 to 10080 (7 days)."},
                new Object[] {release(s -> s.setStopMode("gently")), "Invalid stopMode: 'gently' must be 'finish' or 'abandon'."});
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInput_isRefusedBeforeAnyCall(AwsCodePipelineStep step, String message) throws Exception {
        if (message == null) {
            return; // the valid baseline of the table
        }
        start(ReleaseWorlds.release(1));

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageContaining(message);
        assertThat(aws.sim().calls().matching(c -> !c.accessKeyId().startsWith("AKIASIMULATOR"))).isEmpty();
    }

    @Test
    void undeclaredVariableOrSource_isRefusedBeforeAnythingStarts() throws Exception {
        start(ReleaseWorlds.release(1));

        TestStepContext variable = aws.run(release(s -> s.setVariables(Map.of("COLOUR", "blue"))));
        TestStepContext source = aws.run(release(s -> s.setSourceRevisions(List.of(
                new CodePipelineSourceRevision("Deploy", "S3_OBJECT_KEY", "web/1.0.zip")))));
        AwsCodePipelineStep nope = new AwsCodePipelineStep("nope");
        nope.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        TestStepContext missing = aws.run(nope);

        assertThat(variable.failure()).hasMessage("variables: COLOUR is not declared in pipeline web-release (it declares VERSION).");
        assertThat(source.failure()).hasMessage("sourceRevisions: Deploy is not a source action of pipeline web-release "
                + "(its source actions: Source).");
        assertThat(missing.failure()).hasMessage("pipeline 'nope' does not exist in us-east-1 (or the credentials may not read it).");
        assertThat(ours("StartPipelineExecution")).isEmpty();
    }

    @Test
    void sourceRevisionOverride_isPassedToTheExecution() throws Exception {
        start(ReleaseWorlds.release(2));

        TestStepContext build = aws.run(release(s -> {
            s.setApprovals("approve");
            s.setSourceRevisions(List.of(new CodePipelineSourceRevision("Source", "S3_OBJECT_KEY", "web/1.0.zip")));
        }));

        Map<String, Object> result = result(build);
        assertThat(action(result, "Source")).containsEntry("summary", "s3://deploy-bundles/web/1.0.zip");
        try (CodeDeployClient codeDeploy = SimClients.of(aws.sim()).codeDeploy()) {
            String prod = (String) action(result, "Deploy-Prod").get("externalExecutionId");
            assertThat(codeDeploy.getDeployment(r -> r.deploymentId(prod)).deploymentInfo().revision().s3Location().key())
                    .isEqualTo("web/1.0.zip");
        }
    }
}
