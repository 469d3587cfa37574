package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimState.GroupInstanceView;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/** {@code awsAsgRollout} behaviour shared by both strategies: planning, refusing, aliases, large groups. */
class AwsAsgRolloutStepTest {

    private SimulatedAws aws;

    private void start(World world) {
        aws = SimulatedAws.start(world);
    }

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private String ami(String name) {
        return aws.sim().state().image(name).id();
    }

    private AwsAsgRolloutStep step(String strategy) {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setStrategy(strategy);
        step.setMinHealthyPercentage(50);
        step.setMaxHealthyPercentage(100);
        return step;
    }

    private List<String> versions() {
        return aws.sim().state().group("web").instances("InService").stream().map(GroupInstanceView::launchTemplateVersion).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(TestStepContext build) {
        return (Map<String, Object>) build.result();
    }

    @ParameterizedTest
    @ValueSource(strings = {"instanceRefresh", "rolling"})
    void dryRun_printsAndReturnsThePlanWithoutChangingAnything(String strategy) throws Exception {
        start(AsgWorlds.web(6).build());
        AwsAsgRolloutStep step = step(strategy);
        step.setAmi(ami("base-v2"));
        step.setDryRun(true);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().mutating()).isEmpty();
        Map<String, Object> plan = result(build);
        assertThat(plan).containsEntry("status", "DryRun").containsEntry("dryRun", true).containsEntry("strategy", strategy)
                .containsEntry("previousLaunchTemplateVersion", "1").containsEntry("launchTemplateVersion", null)
                .containsEntry("imageId", ami("base-v2")).containsEntry("desiredCapacity", 6).containsEntry("floor", 3)
                .containsEntry("healthyInService", 6);
        assertThat((List<?>) plan.get("instancesToReplace")).hasSize(6);
        assertThat((List<?>) plan.get("batches")).hasSize(2);
        assertThat((Long) plan.get("expectedDurationSeconds")).isPositive();
        assertThat((String) plan.get("launchTemplateChange")).isEqualTo("web-lt: version 1 (" + ami("base-v1")
                + ") -> a new version from 1 with ImageId " + ami("base-v2"));
        assertThat(build.log()).contains("[awsAsgRollout] PLAN web (" + strategy + "): 6 instances to replace in 2 batches of up to 3",
                "[awsAsgRollout] PLAN Batch 1 of 2: ", "[awsAsgRollout] DRY RUN No change made to web.");
        assertThat(versions()).containsOnly("1");
        assertThat(aws.sim().state().launchTemplate("web-lt").latestVersion()).isEqualTo(2);
    }

    @Test
    void badInput_failsNamingTheFieldBeforeAnyAwsCall() throws Exception {
        start(AsgWorlds.web(2).build());
        AwsAsgRolloutStep step = step("rolling");
        step.setLaunchTemplateVersion("$Latest");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).hasMessageContaining("Invalid launchTemplateVersion: '$Latest' is an alias");
        assertThat(aws.sim().calls().all()).isEmpty();

        AwsAsgRolloutStep other = step("sideways");
        TestStepContext second = aws.run(other);
        assertThat(second.failure()).hasMessageContaining("Invalid strategy: 'sideways'");
        assertThat(aws.sim().calls().all()).isEmpty();
    }

    @Test
    void aGroupOnALaunchConfiguration_isRefusedWithTheWayToMigrate() throws Exception {
        start(World.builder().region("us-east-1").image("base-v1")
                .launchConfiguration("web-lc", lc -> lc.image("base-v1"))
                .autoScalingGroup("web", g -> g.launchConfiguration("web-lc").instances(2).minSize(1).maxSize(4))
                .build());

        TestStepContext build = aws.run(step("instanceRefresh"));

        assertThat(build.failure()).hasMessageContaining("web launches from launch configuration 'web-lc'")
                .hasMessageContaining("migrate it to a launch template first");
        assertThat(aws.sim().calls().mutating()).isEmpty();
    }

    @Test
    void aRunningRefresh_isRefused() throws Exception {
        start(AsgWorlds.web(4).build());
        AutoScalingClient asg = aws.session(aws.sim().region()).autoScaling();
        String other = asg.startInstanceRefresh(r -> r.autoScalingGroupName("web")
                .desiredConfiguration(d -> d.launchTemplate(t -> t.launchTemplateName("web-lt").version("2")))).instanceRefreshId();
        aws.sim().calls().clear();

        TestStepContext build = aws.run(step("rolling"));

        assertThat(build.failure()).hasMessageContaining("Another instance refresh (" + other)
                .hasMessageContaining("cancel-instance-refresh --auto-scaling-group-name web");
        assertThat(aws.sim().calls().mutating()).isEmpty();
    }

    @Test
    void suspendedLaunches_areRefused() throws Exception {
        start(AsgWorlds.web(4).build());
        aws.session(aws.sim().region()).autoScaling().suspendProcesses(r -> r.autoScalingGroupName("web").scalingProcesses("Launch"));
        aws.sim().calls().clear();

        TestStepContext build = aws.run(step("instanceRefresh"));

        assertThat(build.failure()).hasMessageContaining("web has Launch suspended, which would stall the rollout")
                .hasMessageContaining("resume-processes --auto-scaling-group-name web --scaling-processes Launch");
        assertThat(aws.sim().calls().mutating()).isEmpty();
    }

    @Test
    void aFloorThatCannotBeKept_isRefusedNamingTheNumbers() throws Exception {
        start(AsgWorlds.web(2).build());
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setAmi(ami("base-v2"));
        step.setMinHealthyPercentage(90);
        step.setMaxHealthyPercentage(100);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).hasMessage("Keeping 2 of 2 instances of web healthy (minHealthyPercentage 90) with at most 2 in "
                + "service (maxHealthyPercentage 100) leaves no room to replace any instance: set maxHealthyPercentage to at "
                + "least 150 to launch new instances first, or minHealthyPercentage to at most 50.");
        assertThat(aws.sim().calls().mutating()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"instanceRefresh", "rolling"})
    void aGroupOnLatest_isPinnedToTheNumberItRuns(String strategy) throws Exception {
        start(AsgWorlds.web(4, g -> g.launchTemplateVersion("$Latest")).build());

        TestStepContext build = aws.run(step(strategy));

        assertThat(build.failure()).isNull();
        assertThat(result(build)).containsEntry("previousLaunchTemplateVersion", "2").containsEntry("launchTemplateVersion", "2");
        assertThat(aws.sim().state().group("web").launchTemplateVersion()).isEqualTo("2");
        assertThat(build.log()).contains("Launch template web-lt: stays on version 2");
        assertThat(versions()).hasSize(4).containsOnly("2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"instanceRefresh", "rolling"})
    void aMixedInstancesPolicy_getsTheNewVersionInItsLaunchTemplate(String strategy) throws Exception {
        start(AsgWorlds.web(4).build());
        AutoScalingClient asg = aws.session(aws.sim().region()).autoScaling();
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").mixedInstancesPolicy(p -> p
                .launchTemplate(t -> t.launchTemplateSpecification(s -> s.launchTemplateName("web-lt").version("1"))
                        .overrides(o -> o.instanceType("t3.micro"), o -> o.instanceType("t3.small")))
                .instancesDistribution(d -> d.onDemandBaseCapacity(1))));
        aws.sim().calls().clear();
        AwsAsgRolloutStep step = step(strategy);
        step.setAmi(ami("base-v2"));

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        Call change = strategy.equals("rolling") ? aws.sim().calls().of("UpdateAutoScalingGroup").get(0)
                : aws.sim().calls().of("StartInstanceRefresh").get(0);
        String prefix = strategy.equals("rolling") ? "MixedInstancesPolicy." : "DesiredConfiguration.MixedInstancesPolicy.";
        assertThat(change.params()).containsEntry(prefix + "LaunchTemplate.LaunchTemplateSpecification.Version", "3")
                .containsEntry(prefix + "LaunchTemplate.Overrides.member.2.InstanceType", "t3.small")
                .containsEntry(prefix + "InstancesDistribution.OnDemandBaseCapacity", "1")
                .doesNotContainKey("LaunchTemplate.Version");
        assertThat(versions()).hasSize(4).containsOnly("3");
    }

    private AwsAsgRolloutStep thousand(String strategy) {
        start(AsgWorlds.web(1000, g -> g.maxSize(1200)).timings(t -> t.withTerminatedVisible(java.time.Duration.ofMinutes(1))).build());
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setStrategy(strategy);
        step.setAmi(ami("base-v2"));
        step.setMinHealthyPercentage(90);
        step.setMaxHealthyPercentage(110);
        step.setTimeoutMinutes(180);
        return step;
    }

    /** One read of the group and one of its target group per poll, never one per instance. */
    private void assertOneReadOfEachKindPerPoll(int maxPolls) {
        long polls = aws.sim().calls().count("DescribeAutoScalingGroups");
        assertThat(aws.sim().calls().count("DescribeTargetHealth")).isBetween(polls - 5, polls);
        assertThat(polls).isLessThan(maxPolls);
        assertThat(aws.sim().calls().matching(c -> c.action().startsWith("Describe")).size()).isLessThan(3 * maxPolls);
    }

    @Test
    void aThousandInstances_refreshedWithABoundedNumberOfCallsPerPoll() throws Exception {
        AwsAsgRolloutStep step = thousand("instanceRefresh");
        TestStepContext build = aws.run(step);

        assertThat(build.failure()).as(build.log()).isNull();
        assertThat(versions()).hasSize(1000).containsOnly("3");
        assertThat(aws.sim().capacity("web").minHealthy()).isGreaterThanOrEqualTo(900);
        assertThat(aws.sim().calls().count("StartInstanceRefresh")).isEqualTo(1);
        assertOneReadOfEachKindPerPoll(100);
    }

    @Test
    void aThousandInstances_rolledWithABoundedNumberOfCallsPerPoll() throws Exception {
        AwsAsgRolloutStep step = thousand("rolling");
        step.setOnAbort("cancel");
        TestStepContext build = aws.context("deploy", 9);
        org.jenkinsci.plugins.workflow.steps.StepExecution execution = aws.start(step, build);
        // Batches of 200 (100 launched first, 100 replaced first): stop during the first, which is then finished; the
        // other four would be the same again.
        aws.scheduler().runUntil(() -> build.log().contains("ROLL Batch 1 of 5"), 1_000_000);

        execution.stop(new InterruptedException("enough"));
        aws.runToEnd(build);

        assertThat(build.log()).contains("ROLL Batch 1 done: 200 of 1000 instances replaced", "Cancelled after 1 batch");
        assertThat(versions()).hasSize(1000).filteredOn("3"::equals).hasSize(200);
        assertThat(aws.sim().capacity("web").minHealthy()).isGreaterThanOrEqualTo(900);
        List<String> terminated = aws.sim().calls().of("TerminateInstanceInAutoScalingGroup").stream()
                .map(c -> c.param("InstanceId")).toList();
        assertThat(terminated).hasSize(200).doesNotHaveDuplicates();
        // Auto Scaling deregisters and drains each instance on its termination: no DeregisterTargets of the rollout's own.
        assertThat(aws.sim().calls().count("DeregisterTargets")).isZero();
        // Plus one poll per round of terminations at the controller's pace (10 Auto Scaling writes a second).
        assertOneReadOfEachKindPerPoll(40 + 200 / io.jenkins.plugins.awsrollout.engine.aws.ApiRates.DEFAULT_AUTO_SCALING);
    }
}
