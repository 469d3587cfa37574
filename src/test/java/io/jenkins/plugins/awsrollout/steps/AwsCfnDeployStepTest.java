package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.sim.cloudformation.CloudFormationRegion;
import io.jenkins.plugins.awsrollout.sim.cloudformation.LiveResource;
import io.jenkins.plugins.awsrollout.sim.cloudformation.Stack;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** awsCfnDeploy on the simulator: the docs' web stack created, updated, previewed, refused, failed, aborted, resumed. */
class AwsCfnDeployStepTest {
    static final Path WEB_STACK = Path.of(System.getProperty("project.root", ".."), "docs", "examples", "web-stack.yaml");

    private SimulatedAws aws;
    private String imageId;
    private String template;

    @TempDir
    Path workspace;

    @BeforeEach
    void start() throws IOException {
        aws = SimulatedAws.start(World.builder().region("us-east-1").image("base")
                .timings(t -> t.withBoot(Duration.ofSeconds(20)).withHealthCheck(Duration.ofSeconds(10))).build());
        imageId = aws.sim().state().image("base").id();
        template = Files.readString(WEB_STACK);
        write("web.yaml", template);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(workspace.resolve(name), text);
    }

    /** A Jenkinsfile's map of parameters from {@code Key=Value} texts. */
    private static java.util.Map<String, String> pairs(String... keyValues) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String kv : keyValues) {
            map.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return map;
    }

    private AwsCfnDeployStep step(String... parameters) {
        AwsCfnDeployStep step = new AwsCfnDeployStep("web-infra");
        step.setTemplate("web.yaml");
        step.setParameters(pairs(parameters));
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    private TestStepContext build(int number) {
        return aws.context("infra", number).withWorkspace(new FilePath(workspace.toFile()));
    }

    private TestStepContext run(AwsCfnDeployStep step, int number) throws Exception {
        TestStepContext build = build(number);
        aws.start(step, build);
        aws.runToEnd(build);
        return build;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(TestStepContext build) {
        assertThat(build.failure()).as(build.log()).isNull();
        return (Map<String, Object>) build.result();
    }

    private Stack stack() {
        return aws.sim().cloud().locked(() -> CloudFormationRegion.of(aws.sim().cloud().region("us-east-1")).stack("web-infra"));
    }

    private List<Call> mutating() {
        // ValidateTemplate reads only.
        return aws.sim().calls().matching(c -> c.mutating() && !c.action().equals("ValidateTemplate")
                && c.accessKeyId().equals("AKIASIMDEPLOYER00001"));
    }

    private Map<String, Object> create() throws Exception {
        return result(run(step("ImageId=" + imageId), 1));
    }

    @Test
    void create_makesTheStack_followsItsEvents_andReturnsItsOutputs() throws Exception {
        TestStepContext build = run(step("ImageId=" + imageId), 1);

        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("stackName", "web-infra").containsEntry("status", "CREATE_COMPLETE")
                .containsEntry("noChanges", false).containsEntry("reason", "");
        assertThat((Map<String, Object>) result.get("outputs")).containsEntry("AutoScalingGroupName", "web").containsKey("TargetGroupArn");
        assertThat((List<Map<String, Object>>) result.get("changes")).hasSize(8).first()
                .satisfies(c -> assertThat(c).containsEntry("action", "Add").containsEntry("logicalId", "WebSecurityGroup"));
        assertThat(build.log()).contains(
                "[awsCfnDeploy] STACK Stack web-infra does not exist yet: creating it from 'web.yaml' from the workspace (",
                "[awsCfnDeploy] VALIDATE Template valid: 7 parameters.",
                "[awsCfnDeploy] CHANGESET Created change set jenkins-infra-1-",
                "[awsCfnDeploy] CHANGES   Add WebGroup (AWS::AutoScaling::AutoScalingGroup)",
                "[awsCfnDeploy] EXECUTE Executing change set jenkins-infra-1-",
                "[awsCfnDeploy] EVENT WebGroup AWS::AutoScaling::AutoScalingGroup CREATE_COMPLETE",
                "[awsCfnDeploy] EVENT web-infra AWS::CloudFormation::Stack CREATE_COMPLETE",
                "[awsCfnDeploy] DONE Stack web-infra CREATE_COMPLETE in ");
        // Every event once: the CREATE_COMPLETE of the group is printed a single time.
        assertThat(build.log().split("EVENT WebGroup AWS::AutoScaling::AutoScalingGroup CREATE_COMPLETE", -1)).hasSize(2);
        assertThat(aws.sim().state().group("web").maxSize()).isEqualTo(12);
        assertThat(mutating()).extracting(Call::action).containsExactly("CreateChangeSet", "ExecuteChangeSet");
        assertThat(build.log()).doesNotContain(SimulatedAws.SECRET_KEY);
    }

    @Test
    void update_isAModifyOfTheGroup_unspecifiedParametersKeepTheirValues() throws Exception {
        create();
        TestStepContext build = run(step("MaxSize=16"), 2);

        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("status", "UPDATE_COMPLETE");
        assertThat((List<Map<String, Object>>) result.get("changes")).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("action", "Modify").containsEntry("logicalId", "WebGroup").containsEntry("replacement", "False")
                .containsEntry("details", List.of("MaxSize")));
        assertThat(build.log()).contains("[awsCfnDeploy] VALIDATE Template valid: 7 parameters; Env, ImageId, InstanceType, MinSize, "
                        + "DesiredCapacity, CpuTarget keep their previous values.",
                "[awsCfnDeploy] CHANGES   Modify WebGroup (AWS::AutoScaling::AutoScalingGroup), replacement False: MaxSize",
                "[awsCfnDeploy] EVENT web-infra AWS::CloudFormation::Stack UPDATE_COMPLETE");
        assertThat(aws.sim().state().group("web").maxSize()).isEqualTo(16);
        assertThat(aws.sim().calls().of("CreateChangeSet").get(1).params()).containsEntry("Parameters.member.2.UsePreviousValue", "true");
        // Only this operation's events.
        assertThat(build.log()).doesNotContain("CREATE_IN_PROGRESS", "AWS::CloudFormation::Stack CREATE_COMPLETE");
    }

    @Test
    void abortDuringUpdate_withOnAbortLeave_letsCloudFormationFinish() throws Exception {
        create();
        AwsCfnDeployStep step = step("MaxSize=16");
        step.setOnAbort("leave");
        TestStepContext build = build(2);
        StepExecution execution = aws.start(step, build);
        aws.scheduler().runUntil(() -> build.log().contains("EVENT web-infra AWS::CloudFormation::Stack UPDATE_IN_PROGRESS"), 10_000);

        execution.stop(new CancellationException("aborted"));
        aws.runToEnd(build);

        assertThat(build.log()).contains("Stack web-infra was left UPDATE_IN_PROGRESS (onAbort: 'leave').");
        assertThat(aws.sim().calls().of("CancelUpdateStack")).isEmpty();
        aws.sim().advance(Duration.ofMinutes(5));
        assertThat(stack().status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(aws.sim().state().group("web").maxSize()).isEqualTo(16);
    }

    @Test
    void aStackThatFailedToCreate_isRefusedWithWhatToDo() throws Exception {
        aws.sim().cloud().locked(() -> {
            CloudFormationRegion.of(aws.sim().cloud().region("us-east-1")).failNext("WebSecurityGroup", "CREATE", "No VPC");
            return null;
        });
        run(step("ImageId=" + imageId), 1);
        TestStepContext build = run(step("ImageId=" + imageId), 2);

        assertThat(build.failure()).hasMessage("Stack web-infra is ROLLBACK_COMPLETE: its creation failed, and CloudFormation cannot "
                + "update it. Delete it (aws cloudformation delete-stack --stack-name web-infra) and run again.");
        assertThat(aws.sim().calls().of("CreateChangeSet")).hasSize(1);
    }

    @Test
    void noEchoValues_neverReachTheLog() throws Exception {
        write("db.yaml", "Parameters:\n  Password: {Type: String, NoEcho: true}\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        AwsCfnDeployStep step = new AwsCfnDeployStep("db");
        step.setTemplate("db.yaml");
        step.setParameters(pairs("Password=hunter2-secret"));
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        TestStepContext build = run(step, 1);

        assertThat(result(build)).containsEntry("status", "CREATE_COMPLETE");
        assertThat(build.log()).contains("with Password=****").doesNotContain("hunter2");
    }

    @Test
    void noChanges_isSuccess_andLeavesNoChangeSet() throws Exception {
        create();
        TestStepContext build = run(step(), 2);

        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("noChanges", true).containsEntry("status", "CREATE_COMPLETE");
        assertThat(build.log()).contains("[awsCfnDeploy] NO CHANGES Stack web-infra is up to date");
        assertThat(aws.sim().calls().of("ExecuteChangeSet")).hasSize(1);
        assertThat(aws.sim().calls().of("DeleteChangeSet")).singleElement().matches(Call::ok);
    }

    @Test
    void dryRun_showsTheChangesAndChangesNothing() throws Exception {
        AwsCfnDeployStep step = step("ImageId=" + imageId);
        step.setDryRun(true);
        TestStepContext build = run(step, 1);

        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("dryRun", true);
        assertThat((List<?>) result.get("changes")).hasSize(8);
        assertThat(build.log()).contains("[awsCfnDeploy] CHANGES   Add WebGroup", "[awsCfnDeploy] DRY RUN No change made to stack web-infra");
        assertThat(aws.sim().calls().of("ExecuteChangeSet")).isEmpty();
        // The empty stack the CREATE change set made is gone too.
        assertThat(stack()).isNull();
        assertThat(aws.sim().cloud().region("us-east-1").autoScaling().groups()).isEmpty();
    }

    @Test
    void protectedResource_replacement_isRefusedBeforeExecution() throws Exception {
        create();
        write("web.yaml", template.replace("Port: 80", "Port: 8080").replace("[web, !Ref Env, tg]", "[web, !Ref Env, tg2]"));
        AwsCfnDeployStep step = step();
        step.setProtectResources(List.of("WebTargetGroup", "WebGroup"));
        TestStepContext build = run(step, 2);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageContaining(
                "would replace or remove WebTargetGroup (replacement True), which protectResources protects. Nothing was changed: "
                        + "deleted change set jenkins-infra-2-");
        assertThat(aws.sim().calls().of("ExecuteChangeSet")).hasSize(1);
        assertThat(aws.sim().calls().of("DeleteChangeSet")).singleElement().matches(Call::ok);
        assertThat(stack().status()).isEqualTo("CREATE_COMPLETE");
    }

    @Test
    void failedCreate_namesTheResourceAndTheRollback() throws Exception {
        write("web.yaml", template.replace("  CpuTargetTracking:\n    Type: AWS::AutoScaling::ScalingPolicy\n",
                "  CpuTargetTracking:\n    Type: AWS::AutoScaling::ScalingPolicy\n"
                        + "    Metadata: {Simulator: {Fail: [CREATE], Reason: 'Invalid metric for target tracking'}}\n"));
        TestStepContext build = run(step("ImageId=" + imageId), 1);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageContaining(
                "Creating stack web-infra failed: CpuTargetTracking (AWS::AutoScaling::ScalingPolicy) CREATE_FAILED: Invalid metric "
                        + "for target tracking. CloudFormation rolled it back: ROLLBACK_COMPLETE");
        assertThat(build.log()).contains("[awsCfnDeploy] EVENT WARNING: CpuTargetTracking AWS::AutoScaling::ScalingPolicy CREATE_FAILED: "
                + "Invalid metric for target tracking", "[awsCfnDeploy] EVENT WebGroup AWS::AutoScaling::AutoScalingGroup DELETE_COMPLETE");
        assertThat(aws.sim().cloud().region("us-east-1").autoScaling().groups()).isEmpty();
    }

    @Test
    void failedCreate_withFailOnErrorOff_returnsTheStatus() throws Exception {
        aws.sim().cloud().locked(() -> {
            CloudFormationRegion.of(aws.sim().cloud().region("us-east-1")).failNext("WebGroup", "CREATE", "Not enough capacity");
            return null;
        });
        AwsCfnDeployStep step = step("ImageId=" + imageId);
        step.setFailOnError(false);
        Map<String, Object> result = result(run(step, 1));
        assertThat(result).containsEntry("status", "ROLLBACK_COMPLETE");
        assertThat((String) result.get("reason")).contains("WebGroup (AWS::AutoScaling::AutoScalingGroup) CREATE_FAILED: Not enough capacity");
    }

    @Test
    void updateRollbackFailed_namesTheResourcesToSkipAndTheCommand() throws Exception {
        create();
        aws.sim().cloud().locked(() -> {
            CloudFormationRegion cfn = CloudFormationRegion.of(aws.sim().cloud().region("us-east-1"));
            cfn.failNext("CpuTargetTracking", "UPDATE", "Bad target");
            cfn.failNext("WebGroup", "ROLLBACK", "Group is busy");
            return null;
        });
        TestStepContext build = run(step("MaxSize=16", "CpuTarget=60"), 2);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageContaining(
                "Updating stack web-infra failed: CpuTargetTracking (AWS::AutoScaling::ScalingPolicy) UPDATE_FAILED: Bad target; then its "
                        + "rollback failed too, and the stack is UPDATE_ROLLBACK_FAILED. Resources that could not be rolled back: "
                        + "WebGroup (Group is busy). Fix them, or skip them: aws cloudformation continue-update-rollback --stack-name "
                        + "web-infra --resources-to-skip WebGroup.");
        assertThat(stack().status()).isEqualTo("UPDATE_ROLLBACK_FAILED");
    }

    @Test
    void failedUpdate_isRolledBack_andSaysTheStackIsAsItWas() throws Exception {
        create();
        aws.sim().cloud().locked(() -> {
            CloudFormationRegion.of(aws.sim().cloud().region("us-east-1")).failNext("CpuTargetTracking", "UPDATE", "Bad target");
            return null;
        });
        TestStepContext build = run(step("MaxSize=16", "CpuTarget=60"), 2);

        assertThat(build.failure()).hasMessageContaining("CloudFormation rolled it back: UPDATE_ROLLBACK_COMPLETE; the stack is as it was before.");
        assertThat(aws.sim().state().group("web").maxSize()).isEqualTo(12);
    }

    @Test
    void abortDuringCreate_deletesTheStack() throws Exception {
        TestStepContext build = build(1);
        StepExecution execution = aws.start(step("ImageId=" + imageId), build);
        aws.scheduler().runUntil(() -> build.log().contains("EVENT WebTargetGroup"), 10_000);

        CancellationException cause = new CancellationException("aborted by admin");
        execution.stop(cause);
        aws.runToEnd(build);

        assertThat(build.failure()).isSameAs(cause);
        assertThat(build.log()).contains("[awsCfnDeploy] ABORT Deleting stack web-infra, which was being created.",
                "[awsCfnDeploy] ABORT Deleted stack web-infra, which was being created.");
        assertThat(stack()).isNull();
        assertThat(aws.sim().cloud().region("us-east-1").autoScaling().groups()).isEmpty();
        assertThat(aws.sim().cloud().region("us-east-1").ec2().launchTemplates()).isEmpty();
    }

    @Test
    void abortDuringUpdate_cancelsIt_andCloudFormationRollsItBack() throws Exception {
        create();
        TestStepContext build = build(2);
        StepExecution execution = aws.start(step("MaxSize=16"), build);
        aws.scheduler().runUntil(() -> build.log().contains("EVENT web-infra AWS::CloudFormation::Stack UPDATE_IN_PROGRESS"), 10_000);

        execution.stop(new CancellationException("aborted"));
        aws.runToEnd(build);

        assertThat(build.failure()).isInstanceOf(CancellationException.class);
        assertThat(aws.sim().calls().of("CancelUpdateStack")).singleElement().matches(Call::ok);
        assertThat(build.log()).contains("[awsCfnDeploy] ABORT Cancelling the update of stack web-infra: CloudFormation rolls it back.",
                "Cancelled the update of stack web-infra: rolled back (UPDATE_ROLLBACK_COMPLETE).");
        assertThat(stack().status()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(aws.sim().state().group("web").maxSize()).isEqualTo(12);
    }

    @Test
    void abortBeforeExecution_deletesTheChangeSet_andTheEmptyStack() throws Exception {
        TestStepContext build = build(1);
        StepExecution execution = aws.start(step("ImageId=" + imageId), build);
        aws.scheduler().runUntil(() -> build.log().contains("CHANGESET Created change set"), 10_000);

        execution.stop(new CancellationException("aborted"));
        aws.runToEnd(build);

        assertThat(build.log()).contains("Nothing was changed: deleted change set jenkins-infra-1-");
        assertThat(aws.sim().calls().of("ExecuteChangeSet")).isEmpty();
        assertThat(stack()).isNull();
    }

    @Test
    void timeout_duringCreate_deletesTheStackAndSaysWhatItWaitedFor() throws Exception {
        AwsCfnDeployStep step = step("ImageId=" + imageId);
        step.setTimeoutMinutes(1);
        TestStepContext build = run(step, 1);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageContaining("Deployment of stack web-infra timed out")
                .hasMessageContaining("Deleted stack web-infra, which was being created.");
        assertThat(stack()).isNull();
        assertThat(aws.sim().cloud().region("us-east-1").elb().targetGroups()).isEmpty();
    }

    @Test
    void throttling_slowsTheStepDown_butNeverFailsIt() throws Exception {
        aws.sim().faults().throttle("DescribeStackEvents", 0.5).throttle("DescribeChangeSet", 0.5).throttle("DescribeStacks", 0.5);
        TestStepContext build = run(step("ImageId=" + imageId), 1);

        assertThat(result(build)).containsEntry("status", "CREATE_COMPLETE");
        assertThat(aws.sim().calls().throttled()).isNotEmpty();
        assertThat(aws.sim().calls().of("ExecuteChangeSet")).hasSize(1);
        assertThat(build.log().split("EVENT WebGroup AWS::AutoScaling::AutoScalingGroup CREATE_COMPLETE", -1)).hasSize(2);
    }

    @Test
    void restart_whileWaiting_followsTheSameStackToTheEnd() throws Exception {
        TestStepContext build = build(1);
        aws.start(step("ImageId=" + imageId), build);
        aws.scheduler().runUntil(() -> build.log().contains("EVENT WebGroup AWS::AutoScaling::AutoScalingGroup CREATE_IN_PROGRESS"), 10_000);

        aws.restart(build);
        aws.runToEnd(build);

        assertThat(result(build)).containsEntry("status", "CREATE_COMPLETE");
        assertThat(aws.sim().calls().of("CreateChangeSet")).hasSize(1);
        assertThat(aws.sim().calls().of("ExecuteChangeSet")).hasSize(1);
        assertThat(build.log().split("EVENT WebGroup AWS::AutoScaling::AutoScalingGroup CREATE_IN_PROGRESS", -1)).hasSize(2);
    }

    @Test
    void restart_whenTheCreateChangeSetTickIsReplayed_adoptsTheChangeSet() throws Exception {
        TestStepContext build = build(1);
        aws.start(step("ImageId=" + imageId), build);
        byte[] before = null;
        while (aws.sim().calls().count("CreateChangeSet") == 0) {
            before = build.savedBytes();
            aws.scheduler().runUntil(() -> false, 1);
        }
        aws.restartFrom(build, before);
        aws.runToEnd(build);

        assertThat(result(build)).containsEntry("status", "CREATE_COMPLETE");
        assertThat(aws.sim().calls().of("CreateChangeSet")).hasSize(2);
        assertThat(aws.sim().calls().of("ExecuteChangeSet")).hasSize(1);
        assertThat(stack().resources()).hasSize(8).allSatisfy((id, r) -> assertThat(r.status()).isEqualTo("CREATE_COMPLETE"));
    }

    @Test
    void badInput_isRefusedBeforeAnythingChanges() throws Exception {
        AwsCfnDeployStep missing = step("ImageId=" + imageId);
        missing.setTemplate("nope.yaml");
        assertThat(run(missing, 1).failure()).hasMessage("Invalid template: 'nope.yaml' is not in the workspace.");

        assertThat(run(step("ImageId=" + imageId, "Colour=blue"), 2).failure()).hasMessage(
                "Unknown parameter Colour: the template declares Env, ImageId, InstanceType, MinSize, MaxSize, DesiredCapacity, CpuTarget.");
        assertThat(run(step(), 3).failure()).hasMessage("Parameter ImageId needs a value: the template gives it no default.");

        write("iam.yaml", "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: web\n");
        AwsCfnDeployStep iam = step();
        iam.setTemplate("iam.yaml");
        iam.setCapabilities(List.of("CAPABILITY_IAM"));
        assertThat(run(iam, 4).failure()).hasMessageStartingWith("The template needs CAPABILITY_NAMED_IAM (The following resource(s) "
                + "require capabilities: [AWS::IAM::Role]): review what it creates, then add capabilities: ['CAPABILITY_NAMED_IAM'].");

        AwsCfnDeployStep two = step("ImageId=" + imageId);
        two.setTemplateUrl("https://bucket.s3.amazonaws.com/web.yaml");
        assertThat(run(two, 5).failure()).hasMessageContaining("Set only one of template, templateBody and templateUrl");
        AwsCfnDeployStep badAbort = step("ImageId=" + imageId);
        badAbort.setOnAbort("explode");
        assertThat(run(badAbort, 6).failure()).hasMessage("Invalid onAbort: 'explode' must be 'rollback' or 'leave'.");
        write("big.yaml", template + "#" + "x".repeat(60_000) + "\n");
        AwsCfnDeployStep big = step("ImageId=" + imageId);
        big.setTemplate("big.yaml");
        assertThat(run(big, 7).failure()).hasMessageContaining("over CloudFormation's 51200-byte limit for a template body: set s3Bucket");

        assertThat(mutating()).isEmpty();
    }

    @Test
    void largeTemplate_isUploadedToS3_andParametersComeFromAFile() throws Exception {
        aws.sim().cloud().locked(() -> io.jenkins.plugins.awsrollout.sim.s3.S3Store.of(aws.sim().cloud())
                .create("cfn-templates", "us-east-1", false));
        write("big.yaml", template + "#" + "x".repeat(60_000) + "\n");
        write("params.json", "[{\"ParameterKey\": \"ImageId\", \"ParameterValue\": \"" + imageId + "\"},"
                + " {\"ParameterKey\": \"MaxSize\", \"ParameterValue\": \"10\"}]");
        AwsCfnDeployStep step = step();
        step.setTemplate("big.yaml");
        step.setParametersFile("params.json");
        step.setS3Bucket("cfn-templates");
        step.setS3Prefix("stacks");
        TestStepContext build = run(step, 1);

        assertThat(result(build)).containsEntry("status", "CREATE_COMPLETE");
        assertThat(build.log()).contains("[awsCfnDeploy] UPLOAD The template is over 51200 bytes: uploaded it to s3://cfn-templates/stacks/web-infra-");
        assertThat(aws.sim().calls().of("CreateChangeSet").get(0).params()).containsKey("TemplateURL").doesNotContainKey("TemplateBody");
        assertThat(aws.sim().state().group("web").maxSize()).isEqualTo(10);
    }

    @Test
    void resourcesOfTheStack_areWhatTheOtherStepsSee() throws Exception {
        create();
        LiveResource group = stack().resources().get("WebGroup");
        assertThat(group.physicalId()).isEqualTo("web");
        assertThat(aws.sim().state().group("web").launchTemplateId()).isEqualTo(stack().resources().get("WebLaunchTemplate").physicalId());
    }
}
