package io.jenkins.plugins.awsrollout.sim.cloudformation;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.InvalidChangeSetStatusException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/** CloudFormation through the real SDK client: change sets, stacks, events, rollbacks, and what a stack makes in the world. */
class CloudFormationApiTest {
    static final Path WEB_STACK = Path.of(System.getProperty("project.root", ".."), "docs", "examples", "web-stack.yaml");

    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private CloudFormationClient cfn;
    private AutoScalingClient asg;
    private String imageId;
    private String webStack;

    @BeforeEach
    void start() throws IOException {
        sim = AwsSimulator.start(World.builder().region("us-east-1").image("base")
                .timings(t -> t.withBoot(Duration.ofSeconds(20)).withHealthCheck(Duration.ofSeconds(10))).build(), clock);
        cfn = SimClients.of(sim).build(CloudFormationClient.builder());
        asg = SimClients.of(sim).autoScaling();
        imageId = sim.state().image("base").id();
        webStack = Files.readString(WEB_STACK);
    }

    @AfterEach
    void stop() {
        cfn.close();
        asg.close();
        sim.close();
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private String changeSet(String name, String type, String body, Parameter... parameters) {
        String id = cfn.createChangeSet(r -> r.stackName("web-infra").changeSetName(name).changeSetType(type)
                .templateBody(body).parameters(parameters)).id();
        clock.advance(ChangeSetActions.COMPUTE);
        return id;
    }

    private Stack stack() {
        return cfn.describeStacks(r -> r.stackName("web-infra")).stacks().get(0);
    }

    private Stack runToEnd() {
        for (int i = 0; i < 600 && stack().stackStatusAsString().endsWith("_IN_PROGRESS"); i++) {
            clock.advance(Duration.ofSeconds(5));
        }
        return stack();
    }

    private List<String> events() {
        List<StackEvent> events = new ArrayList<>(cfn.describeStackEventsPaginator(r -> r.stackName("web-infra")).stackEvents()
                .stream().toList());
        Collections.reverse(events);
        return events.stream().map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString()
                + (e.resourceStatusReason() == null ? "" : " " + e.resourceStatusReason())).toList();
    }

    private void createWebStack() {
        String id = changeSet("create", "CREATE", webStack, p("ImageId", imageId));
        cfn.executeChangeSet(r -> r.changeSetName(id).clientRequestToken("create-1"));
        assertThat(runToEnd().stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
    }

    @Test
    void createChangeSet_listsEveryResourceAsAdd_andExecutingItMakesThemInTheWorld() {
        String id = changeSet("create", "CREATE", webStack, p("ImageId", imageId), p("Env", "demo"));
        DescribeChangeSetResponse described = cfn.describeChangeSet(r -> r.changeSetName(id));
        assertThat(described.statusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(described.executionStatusAsString()).isEqualTo("AVAILABLE");
        assertThat(described.changes()).extracting(c -> c.resourceChange().actionAsString() + " " + c.resourceChange().logicalResourceId())
                .containsExactly("Add WebSecurityGroup", "Add WebLaunchTemplate", "Add WebTargetGroup", "Add WebLoadBalancer",
                        "Add WebListener", "Add WebGroup",
                        "Add CpuTargetTracking", "Add MorningScaleOut");
        assertThat(stack().stackStatusAsString()).isEqualTo("REVIEW_IN_PROGRESS");

        cfn.executeChangeSet(r -> r.changeSetName(id).clientRequestToken("create-1"));
        Stack stack = runToEnd();

        assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        Map<String, String> outputs = stack.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
        assertThat(outputs).containsEntry("AutoScalingGroupName", "web").containsKey("TargetGroupArn");
        assertThat(sim.state().group("web").desiredCapacity()).isEqualTo(4);
        assertThat(sim.state().group("web").maxSize()).isEqualTo(12);
        assertThat(sim.state().group("web").launchTemplateVersion()).isEqualTo("1");
        assertThat(sim.state().launchTemplate("web-demo-lt").latestVersion()).isEqualTo(1);
        assertThat(asg.describePolicies(r -> r.autoScalingGroupName("web")).scalingPolicies()).singleElement()
                .satisfies(policy -> {
                    assertThat(policy.policyType()).isEqualTo("TargetTrackingScaling");
                    assertThat(policy.targetTrackingConfiguration().targetValue()).isEqualTo(50.0);
                    assertThat(policy.policyARN()).isEqualTo(cfn.describeStackResources(r -> r.stackName("web-infra")
                            .logicalResourceId("CpuTargetTracking")).stackResources().get(0).physicalResourceId());
                });
        assertThat(asg.describeScheduledActions(r -> r.autoScalingGroupName("web")).scheduledUpdateGroupActions()).singleElement()
                .satisfies(a -> {
                    assertThat(a.recurrence()).isEqualTo("0 7 * * MON-FRI");
                    assertThat(a.desiredCapacity()).isEqualTo(6);
                });
        assertThat(cfn.listExports().exports()).extracting(e -> e.name()).containsExactlyInAnyOrder("web-infra-asg", "web-infra-tg");
        assertThat(events()).startsWith("web-infra CREATE_IN_PROGRESS User Initiated", "WebSecurityGroup CREATE_IN_PROGRESS")
                .endsWith("web-infra CREATE_COMPLETE");
        assertThat(cfn.describeStackEventsPaginator(r -> r.stackName("web-infra")).stackEvents())
                .allSatisfy(e -> assertThat(e.clientRequestToken()).isEqualTo("create-1"));
        assertThat(cfn.getTemplate(r -> r.stackName("web-infra")).templateBody()).isEqualTo(webStack);
        assertThat(cfn.listStackResources(r -> r.stackName("web-infra")).stackResourceSummaries()).hasSize(8)
                .allSatisfy(s -> assertThat(s.resourceStatusAsString()).isEqualTo("CREATE_COMPLETE"));
    }

    @Test
    void updateOfMaxSize_isAModifyWithoutReplacement_andKeepsTheGroupsCapacity() {
        createWebStack();
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(7));
        String id = changeSet("bigger", "UPDATE", webStack, Parameter.builder().parameterKey("ImageId").usePreviousValue(true).build(),
                p("MaxSize", "16"));

        List<Change> changes = cfn.describeChangeSet(r -> r.changeSetName(id)).changes();
        assertThat(changes).singleElement().satisfies(c -> {
            ResourceChange change = c.resourceChange();
            assertThat(change.actionAsString()).isEqualTo("Modify");
            assertThat(change.logicalResourceId()).isEqualTo("WebGroup");
            assertThat(change.replacementAsString()).isEqualTo("False");
            assertThat(change.details()).singleElement().satisfies(d -> {
                assertThat(d.target().name()).isEqualTo("MaxSize");
                assertThat(d.target().requiresRecreationAsString()).isEqualTo("Never");
            });
        });
        cfn.executeChangeSet(r -> r.changeSetName(id));
        assertThat(runToEnd().stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
        assertThat(sim.state().group("web").maxSize()).isEqualTo(16);
        assertThat(sim.state().group("web").desiredCapacity()).isEqualTo(7);
    }

    @Test
    void theSameTemplateAndParameters_makeAFailedChangeSetWithoutChanges() {
        createWebStack();
        String id = changeSet("again", "UPDATE", webStack, Parameter.builder().parameterKey("ImageId").usePreviousValue(true).build());
        DescribeChangeSetResponse described = cfn.describeChangeSet(r -> r.changeSetName(id));
        assertThat(described.statusAsString()).isEqualTo("FAILED");
        assertThat(described.statusReason()).isEqualTo(ChangeSetActions.NO_CHANGES);
        assertThatThrownBy(() -> cfn.executeChangeSet(r -> r.changeSetName(id)))
                .isInstanceOf(InvalidChangeSetStatusException.class);
    }

    @Test
    void aChangedTargetGroupPort_replacesIt_andItsDependentsChangeDynamically() {
        createWebStack();
        String oldArn = outputs().get("TargetGroupArn");
        String sameName = changeSet("same", "UPDATE", webStack.replace("Port: 80", "Port: 8080"),
                Parameter.builder().parameterKey("ImageId").usePreviousValue(true).build());
        cfn.executeChangeSet(r -> r.changeSetName(sameName));
        assertThat(runToEnd().stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(events()).contains("WebTargetGroup UPDATE_FAILED CloudFormation cannot update a stack when a custom-named resource "
                + "requires replacing. Rename web-demo-tg and update the stack again.");

        String id = changeSet("port", "UPDATE", webStack.replace("Port: 80", "Port: 8080").replace("[web, !Ref Env, tg]", "[web, !Ref Env, tg2]"),
                Parameter.builder().parameterKey("ImageId").usePreviousValue(true).build());
        Map<String, ResourceChange> changes = cfn.describeChangeSet(r -> r.changeSetName(id)).changes().stream()
                .collect(Collectors.toMap(c -> c.resourceChange().logicalResourceId(), Change::resourceChange));
        assertThat(changes.get("WebTargetGroup").replacementAsString()).isEqualTo("True");
        assertThat(changes.get("WebGroup").replacementAsString()).isEqualTo("False");
        assertThat(changes.get("WebGroup").details()).singleElement()
                .satisfies(d -> assertThat(d.evaluationAsString()).isEqualTo("Dynamic"));

        cfn.executeChangeSet(r -> r.changeSetName(id));
        assertThat(runToEnd().stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
        String newArn = outputs().get("TargetGroupArn");
        assertThat(newArn).isNotEqualTo(oldArn);
        assertThat(sim.cloud().region("us-east-1").elb().targetGroups()).containsKey(newArn).doesNotContainKey(oldArn);
        assertThat(events()).contains("WebTargetGroup UPDATE_IN_PROGRESS Requested update requires the creation of a new physical "
                + "resource; hence creating one.", "web-infra UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "WebTargetGroup DELETE_COMPLETE");
    }

    private Map<String, String> outputs() {
        return stack().outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
    }

    @Test
    void aFailedCreate_rollsBackEverythingItMade() {
        String failing = webStack.replace("  CpuTargetTracking:\n    Type: AWS::AutoScaling::ScalingPolicy\n",
                "  CpuTargetTracking:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Metadata: {Simulator: {Fail: [CREATE], Reason: 'Invalid metric'}}\n");
        String id = changeSet("create", "CREATE", failing, p("ImageId", imageId));
        cfn.executeChangeSet(r -> r.changeSetName(id));

        assertThat(runToEnd().stackStatusAsString()).isEqualTo("ROLLBACK_COMPLETE");
        assertThat(events()).contains("CpuTargetTracking CREATE_FAILED Invalid metric",
                "web-infra ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [CpuTargetTracking]. Rollback requested by user.",
                "WebGroup DELETE_COMPLETE", "web-infra ROLLBACK_COMPLETE");
        assertThat(sim.cloud().region("us-east-1").autoScaling().groups()).isEmpty();
        assertThat(sim.cloud().region("us-east-1").elb().targetGroups()).isEmpty();
        assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("web-infra").changeSetName("u").templateBody(webStack)))
                .hasMessageContaining("ROLLBACK_COMPLETE state and can not be updated");
    }

    @Test
    void aFailedUpdate_putsTheOldValuesBack() {
        createWebStack();
        CloudFormationRegion.of(sim.cloud().region("us-east-1")).failNext("CpuTargetTracking", "UPDATE", "Throttled by the test");
        String id = changeSet("u", "UPDATE", webStack, Parameter.builder().parameterKey("ImageId").usePreviousValue(true).build(),
                p("MaxSize", "16"), p("CpuTarget", "60"));
        cfn.executeChangeSet(r -> r.changeSetName(id));

        assertThat(runToEnd().stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(sim.state().group("web").maxSize()).isEqualTo(12);
        assertThat(stack().parameters()).contains(p("MaxSize", "12"));
        assertThat(events()).contains("CpuTargetTracking UPDATE_FAILED Throttled by the test",
                "web-infra UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to update: [CpuTargetTracking]. ");
    }

    @Test
    void aRollbackThatFails_waitsForContinueUpdateRollback_whichSkipsWhatItIsTold() {
        createWebStack();
        CloudFormationRegion region = CloudFormationRegion.of(sim.cloud().region("us-east-1"));
        region.failNext("CpuTargetTracking", "UPDATE", "Bad target");
        region.failNext("WebGroup", "ROLLBACK", "Group is busy");
        String id = changeSet("u", "UPDATE", webStack, Parameter.builder().parameterKey("ImageId").usePreviousValue(true).build(),
                p("MaxSize", "16"), p("CpuTarget", "60"));
        cfn.executeChangeSet(r -> r.changeSetName(id));

        assertThat(runToEnd().stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_FAILED");
        assertThat(cfn.describeStackResources(r -> r.stackName("web-infra").logicalResourceId("WebGroup")).stackResources().get(0)
                .resourceStatusAsString()).isEqualTo("UPDATE_FAILED");
        assertThatThrownBy(() -> cfn.continueUpdateRollback(r -> r.stackName("web-infra").resourcesToSkip("WebLaunchTemplate")))
                .hasMessageContaining("cannot be skipped");

        cfn.continueUpdateRollback(r -> r.stackName("web-infra").resourcesToSkip("WebGroup"));
        assertThat(runToEnd().stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(events()).contains("WebGroup UPDATE_COMPLETE Resource skipped during UpdateRollback");
        assertThat(sim.state().group("web").maxSize()).isEqualTo(16);
    }

    @Test
    void cancelUpdateStack_rollsTheUpdateBack() {
        createWebStack();
        String id = changeSet("u", "UPDATE", webStack, Parameter.builder().parameterKey("ImageId").usePreviousValue(true).build(),
                p("MaxSize", "16"));
        cfn.executeChangeSet(r -> r.changeSetName(id));
        clock.advance(Duration.ofSeconds(2));
        cfn.cancelUpdateStack(r -> r.stackName("web-infra"));

        assertThat(runToEnd().stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(sim.state().group("web").maxSize()).isEqualTo(12);
        assertThatThrownBy(() -> cfn.cancelUpdateStack(r -> r.stackName("web-infra")))
                .hasMessageContaining("CancelUpdateStack cannot be called from current stack status");
    }

    @Test
    void deleteStack_duringCreate_deletesWhatWasMade_andTerminationProtectionRefusesIt() {
        String id = changeSet("create", "CREATE", webStack, p("ImageId", imageId));
        cfn.executeChangeSet(r -> r.changeSetName(id));
        clock.advance(Duration.ofSeconds(30));
        cfn.updateTerminationProtection(r -> r.stackName("web-infra").enableTerminationProtection(true));
        assertThatThrownBy(() -> cfn.deleteStack(r -> r.stackName("web-infra"))).hasMessageContaining("TerminationProtection");
        cfn.updateTerminationProtection(r -> r.stackName("web-infra").enableTerminationProtection(false));
        String stackId = stack().stackId();
        cfn.deleteStack(r -> r.stackName("web-infra"));

        for (int i = 0; i < 100 && !cfn.describeStacks(r -> r.stackName(stackId)).stacks().get(0).stackStatusAsString()
                .equals("DELETE_COMPLETE"); i++) {
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(cfn.describeStacks(r -> r.stackName(stackId)).stacks().get(0).stackStatusAsString()).isEqualTo("DELETE_COMPLETE");
        assertThatThrownBy(() -> cfn.describeStacks(r -> r.stackName("web-infra"))).hasMessageContaining("does not exist");
        assertThat(sim.cloud().region("us-east-1").ec2().launchTemplates()).isEmpty();
        assertThat(sim.cloud().region("us-east-1").autoScaling().groups()).isEmpty();
    }

    @Test
    void badInput_isRefusedAsCloudFormationRefusesIt() {
        assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("web-infra").changeSetName("c").changeSetType("CREATE")
                .templateBody(webStack).parameters(p("ImageId", imageId), p("Colour", "blue"))))
                .hasMessageContaining("Parameters: [Colour] do not exist in the template");
        assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("web-infra").changeSetName("c").changeSetType("CREATE")
                .templateBody(webStack)))
                .hasMessageContaining("Parameters: [ImageId] must have values");
        assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("web-infra").changeSetName("c").changeSetType("CREATE")
                .templateBody(webStack).parameters(p("ImageId", imageId), p("Env", "qa"))))
                .hasMessageContaining("Parameter 'Env' must be one of AllowedValues");
        String iam = "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: web\n";
        assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("web-infra").changeSetName("c").changeSetType("CREATE")
                .templateBody(iam).capabilitiesWithStrings("CAPABILITY_IAM")))
                .isInstanceOf(InsufficientCapabilitiesException.class).hasMessageContaining("CAPABILITY_NAMED_IAM");
        assertThat(cfn.validateTemplate(r -> r.templateBody(iam)).capabilitiesAsStrings()).containsExactly("CAPABILITY_NAMED_IAM");
        assertThatThrownBy(() -> cfn.validateTemplate(r -> r.templateBody("Resources:\n  A:\n    Type: X\n    Properties: {B: !Ref Nope}\n")))
                .hasMessageContaining("Unresolved resource dependencies [Nope]");
        assertThatThrownBy(() -> cfn.validateTemplate(r -> r.templateBody("Resources: [")))
                .hasMessageContaining("Template format error");
        assertThat(sim.cloud().region("us-east-1").autoScaling().groups()).isEmpty();
    }

    @Test
    void jsonTemplates_intrinsics_andImports() {
        createWebStack();
        String json = """
                {"Parameters": {"Names": {"Type": "CommaDelimitedList", "Default": "a,b,c"}},
                 "Conditions": {"Never": {"Fn::Equals": ["x", "y"]}},
                 "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {
                   "QueueName": {"Fn::Join": ["-", [{"Fn::Select": [1, {"Ref": "Names"}]}, {"Fn::ImportValue": "web-infra-asg"},
                                 {"Fn::If": ["Never", "yes", "no"]}, {"Ref": "AWS::Region"}]]}}}},
                 "Outputs": {"Url": {"Value": {"Fn::Sub": ["${Q}/${AWS::AccountId}", {"Q": {"Ref": "Queue"}}]}}}}""";
        cfn.createChangeSet(r -> r.stackName("other").changeSetName("c").changeSetType("CREATE").templateBody(json));
        clock.advance(ChangeSetActions.COMPUTE);
        cfn.executeChangeSet(r -> r.stackName("other").changeSetName("c"));
        clock.advance(Duration.ofMinutes(1));
        Stack other = cfn.describeStacks(r -> r.stackName("other")).stacks().get(0);
        assertThat(other.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(other.outputs().get(0).outputValue()).isEqualTo("b-web-no-us-east-1/" + sim.accountId());
    }
}
