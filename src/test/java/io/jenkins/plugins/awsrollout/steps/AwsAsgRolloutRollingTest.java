package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimState.GroupInstanceView;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/** {@code awsAsgRollout} with {@code strategy: 'rolling'} against the simulator, on virtual time. */
class AwsAsgRolloutRollingTest {

    private SimulatedAws aws;

    private SimulatedAws start(World world) {
        aws = SimulatedAws.start(world);
        return aws;
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

    /** Launch first: min 100, max 150, so three new instances come before three old ones go. */
    private AwsAsgRolloutStep step(String image) {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setAmi(ami(image));
        step.setStrategy("rolling");
        step.setMinHealthyPercentage(100);
        step.setMaxHealthyPercentage(150);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    private List<String> versions() {
        return inService().stream().map(GroupInstanceView::launchTemplateVersion).toList();
    }

    private List<GroupInstanceView> inService() {
        return aws.sim().state().group("web").instances("InService");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(TestStepContext build) {
        return (Map<String, Object>) build.result();
    }

    private void runUntil(TestStepContext build, BooleanSupplier condition) {
        aws.scheduler().runUntil(() -> condition.getAsBoolean() || build.isCompleted(), 1_000_000);
        assertThat(build.isCompleted()).as("the step ended before the condition held:\n" + build.log()).isFalse();
    }

    /** Every instance in service is registered, and healthy, in the target group: nothing was left half-registered. */
    private void assertEveryInstanceServesTraffic() {
        Map<String, io.jenkins.plugins.awsrollout.sim.elb.ElbRegion.TargetState> health = aws.sim().state().targetHealth("web-tg");
        assertThat(inService()).allSatisfy(i -> assertThat(health.get(i.instanceId()))
                .as(i.instanceId() + " in web-tg").isNotNull()
                .satisfies(s -> assertThat(s.state()).isEqualTo("healthy")));
    }

    private void assertEachOldInstanceTerminatedOnce(Set<String> old) {
        List<String> terminated = aws.sim().calls().matching(c -> c.action().equals("TerminateInstanceInAutoScalingGroup") && c.ok())
                .stream().map(c -> c.param("InstanceId")).toList();
        assertThat(terminated).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(old);
    }

    private Set<String> currentIds() {
        Set<String> ids = new HashSet<>();
        inService().forEach(i -> ids.add(i.instanceId()));
        return ids;
    }

    @Test
    @SuppressWarnings("unchecked")
    void launchFirst_replacesEveryInstanceWithoutDippingAndAutoScalingDrainsOnTermination() throws Exception {
        start(AsgWorlds.web(6).build());
        Set<String> old = currentIds();

        TestStepContext build = aws.run(step("base-v2"));

        assertThat(build.failure()).isNull();
        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("strategy", "rolling").containsEntry("status", "Successful")
                .containsEntry("previousLaunchTemplateVersion", "1").containsEntry("launchTemplateVersion", "3")
                .containsEntry("instanceRefreshId", null);
        assertThat((List<Object>) result.get("replacedInstances")).containsExactlyInAnyOrderElementsOf(old);
        assertThat((List<Object>) result.get("newInstances")).hasSize(6).doesNotContainAnyElementsOf(old);
        assertThat(versions()).hasSize(6).containsOnly("3");
        assertThat(aws.sim().state().group("web").launchTemplateVersion()).isEqualTo("3");
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
        assertEachOldInstanceTerminatedOnce(old);
        // Batch 1's old instances leave without taking the capacity down: their replacements are batch 2's launches
        // (its head start). Batch 2's leave with it, and the group is back to 6.
        assertThat(aws.sim().calls().of("TerminateInstanceInAutoScalingGroup")).extracting(c -> c.param("ShouldDecrementDesiredCapacity"))
                .containsExactly("false", "false", "false", "true", "true", "true");
        assertThat(aws.sim().calls().count("SetDesiredCapacity")).isEqualTo(1);
        // Auto Scaling takes each old instance out of its target group on termination and drains it for the 30 s
        // deregistration delay before the EC2 instance goes: the rollout does not deregister itself, nor wait.
        assertThat(aws.sim().calls().count("DeregisterTargets")).isZero();
        assertThat(aws.sim().calls().count("DescribeTargetGroupAttributes")).isEqualTo(1);
        assertEveryInstanceServesTraffic();
        assertThat(build.log()).contains("[awsAsgRollout] ROLL Batch 1 of 2: launching 3 first to replace",
                "healthy in service (desired 9, floor 6)", "[awsAsgRollout] ROLL Batch 2 done: 6 of 6 instances replaced",
                "[awsAsgRollout] DONE web Successful");
        assertThat(build.log()).doesNotContain(SimulatedAws.SECRET_KEY);
        assertThat(new String(build.savedBytes(), StandardCharsets.ISO_8859_1)).doesNotContain(SimulatedAws.SECRET_KEY);
    }

    @Test
    void replaceFirst_keepsTheFloorAndGatesOnEveryLoadBalancer() throws Exception {
        start(AsgWorlds.web(6, g -> g.loadBalancers("web-elb")).build());
        Set<String> old = currentIds();
        AwsAsgRolloutStep step = step("base-v2");
        step.setMinHealthyPercentage(60);
        step.setMaxHealthyPercentage(100);
        step.setBatchSize("2");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(versions()).hasSize(6).containsOnly("3");
        assertThat(aws.sim().capacity("web").minHealthy()).isGreaterThanOrEqualTo(4);
        assertThat(aws.sim().capacity("web").maxInService()).isEqualTo(6);
        assertEachOldInstanceTerminatedOnce(old);
        assertThat(aws.sim().calls().of("TerminateInstanceInAutoScalingGroup"))
                .allSatisfy(c -> assertThat(c.param("ShouldDecrementDesiredCapacity")).isEqualTo("false"));
        // Auto Scaling deregisters from both load balancers on termination; the rollout does not call them itself.
        assertThat(aws.sim().calls().count("DeregisterTargets")).isZero();
        assertThat(aws.sim().calls().count("DeregisterInstancesFromLoadBalancer")).isZero();
        // One read of each kind per poll: as many target health reads as group reads, one classic health read each.
        assertThat(aws.sim().calls().count("DescribeTargetHealth")).isEqualTo(aws.sim().calls().count("DescribeInstanceHealth"));
        assertThat(aws.sim().state().classicHealth("web-elb").values()).hasSize(6)
                .allSatisfy(s -> assertThat(s.state()).isEqualTo("InService"));
        assertEveryInstanceServesTraffic();
    }

    @Test
    void unhealthyAmi_rollsBackUnderTheSameFloor() throws Exception {
        start(AsgWorlds.web(6).build());
        Set<String> old = currentIds();

        TestStepContext build = aws.run(step("bad-v3"));

        assertThat(build.failure()).isNotNull();
        assertThat(build.failure().getMessage()).contains("Rollout of web to web-lt", "version 3 failed in batch 1",
                "3 new instances failed their health checks, first i-",
                "unhealthy in web-tg: Target.FailedHealthChecks", "Rolled web back to web-lt",
                "version 1");
        assertThat(versions()).hasSize(6).containsOnly("1");
        assertThat(currentIds()).containsAll(old);
        assertThat(aws.sim().state().group("web").launchTemplateVersion()).isEqualTo("1");
        assertThat(aws.sim().state().group("web").desiredCapacity()).isEqualTo(6);
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
        assertThat(aws.sim().calls().matching(c -> c.action().equals("TerminateInstanceInAutoScalingGroup")
                && old.contains(c.param("InstanceId")))).isEmpty();
        assertEveryInstanceServesTraffic();
        assertThat(build.log()).contains("ROLLBACK", "DONE web RolledBack");
    }

    @Test
    void launchesThatKeepFailing_failTheBatchAtTheHealthCheckTimeoutSayingWhy() throws Exception {
        start(AsgWorlds.web(4).build());
        aws.sim().faults().failLaunches(1_000);
        AwsAsgRolloutStep step = step("base-v2");
        step.setHealthCheckTimeoutMinutes(5);

        TestStepContext build = aws.run(step);

        assertThat(build.failure().getMessage()).contains("failed in batch 1: new instances did not launch after 5m "
                + "(healthCheckTimeoutMinutes); the last failed launch said: We currently do not have sufficient t3.micro capacity",
                "Rolled web back");
        assertThat(aws.sim().calls().count("DescribeScalingActivities")).isEqualTo(1);
        assertThat(versions()).hasSize(4).containsOnly("1");
        assertThat(aws.sim().state().group("web").desiredCapacity()).isEqualTo(4);
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(4);
    }

    @Test
    void unhealthyAmi_withoutAutoRollback_stopsAndSaysWhereTheGroupIs() throws Exception {
        start(AsgWorlds.web(6).build());
        AwsAsgRolloutStep step = step("bad-v3");
        step.setAutoRollback(false);
        step.setHealthCheckTimeoutMinutes(5);

        TestStepContext build = aws.run(step);

        assertThat(build.failure().getMessage()).contains("failed in batch 1", "autoRollback is off, so nothing was undone",
                "instances of web run version 3", "desired capacity 9 (was 6)");
        assertThat(aws.sim().calls().count("UpdateAutoScalingGroup")).isEqualTo(1);
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
    }

    @Test
    void throttling_ofAThirdOfAllCalls_stillSucceeds() throws Exception {
        start(AsgWorlds.web(6).build());
        Set<String> old = currentIds();
        aws.sim().faults().throttleAll(0.3);

        TestStepContext build = aws.run(step("base-v2"));

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().throttled()).isNotEmpty();
        assertThat(versions()).hasSize(6).containsOnly("3");
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
        assertEachOldInstanceTerminatedOnce(old);
        assertThat(aws.sim().state().launchTemplate("web-lt").latestVersion()).isEqualTo(3);
    }

    @Test
    void stop_withOnAbortRollback_reversesAndLeavesNothingHalfRegistered() throws Exception {
        start(AsgWorlds.web(6).build());
        Set<String> old = currentIds();
        TestStepContext build = aws.context("deploy", 4);
        StepExecution execution = aws.start(step("base-v2"), build);
        // Stop in batch 2, while batch 1's old instances drain out of the target group and batch 2's new ones boot.
        runUntil(build, () -> aws.sim().calls().count("TerminateInstanceInAutoScalingGroup") == 3);

        execution.stop(new InterruptedException("Aborted by admin"));
        aws.runToEnd(build);

        assertThat(build.failure()).hasMessage("Aborted by admin");
        assertThat(build.log()).contains("ROLLBACK");
        assertThat(versions()).hasSize(6).containsOnly("1");
        assertThat(aws.sim().state().group("web").launchTemplateVersion()).isEqualTo("1");
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
        assertThat(aws.sim().state().group("web").maxSize()).isEqualTo(12);
        assertThat(currentIds()).containsAnyElementsOf(old);
        assertEveryInstanceServesTraffic();
    }

    @Test
    void stop_withOnAbortCancel_finishesTheBatchInFlightThenStops() throws Exception {
        start(AsgWorlds.web(6).build());
        AwsAsgRolloutStep step = step("base-v2");
        step.setOnAbort("cancel");
        TestStepContext build = aws.context("deploy", 5);
        StepExecution execution = aws.start(step, build);
        runUntil(build, () -> aws.sim().calls().count("SetDesiredCapacity") == 1);

        execution.stop(new InterruptedException("Aborted by admin"));
        aws.runToEnd(build);

        assertThat(build.failure()).hasMessage("Aborted by admin");
        assertThat(build.log()).contains("Cancelled after 1 batch", "3 of 6 instances of web run version 3");
        assertThat(versions()).hasSize(6).containsOnly("1", "3");
        assertThat(versions()).filteredOn("3"::equals).hasSize(3);
        assertThat(aws.sim().state().group("web").desiredCapacity()).isEqualTo(6);
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
        assertEveryInstanceServesTraffic();
    }

    @Test
    void restart_midBatch_resumesFromTheCursorReplacingEveryInstanceExactlyOnce() throws Exception {
        start(AsgWorlds.web(6).build());
        Set<String> old = currentIds();
        TestStepContext build = aws.context("deploy", 6);
        aws.start(step("base-v2"), build);
        // Restart while batch 1's old instances drain and batch 2's new ones boot (the overlap).
        runUntil(build, () -> aws.sim().calls().count("TerminateInstanceInAutoScalingGroup") == 3);

        aws.restart(build);
        aws.runToEnd(build);

        assertThat(build.failure()).isNull();
        assertThat(versions()).hasSize(6).containsOnly("3");
        assertEachOldInstanceTerminatedOnce(old);
        assertThat(aws.sim().calls().count("SetDesiredCapacity")).isEqualTo(1);
        assertThat(aws.sim().calls().count("DeregisterTargets")).isZero();
        long launches = aws.sim().state().group("web").activities().stream()
                .filter(a -> a.description().startsWith("Launching a new EC2 instance")).count();
        assertThat(launches).isEqualTo(6);
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
    }

    @Test
    void timeout_rollsBackAndNamesWhatItWaitedFor() throws Exception {
        start(AsgWorlds.web(6).build());
        AwsAsgRolloutStep step = step("base-v2");
        step.setTimeoutMinutes(2);

        TestStepContext build = aws.run(step);

        assertThat(build.failure().getMessage()).contains("Rollout of Auto Scaling group web timed out after",
                "waiting for", "Rolled web back");
        assertThat(versions()).hasSize(6).containsOnly("1");
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
    }

    @Test
    void checkpoints_pauseBetweenBatches() throws Exception {
        start(AsgWorlds.web(6).build());
        AwsAsgRolloutStep step = step("base-v2");
        step.setBatchSize("2");
        step.setCheckpoints(List.of("30", "60"));
        step.setCheckpointDelaySeconds(900);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(build.log()).contains("CHECKPOINT 33% of the instances of web replaced (2 of 6): pausing 15m",
                "CHECKPOINT 66% of the instances of web replaced (4 of 6): pausing 15m");
        assertThat((Long) result(build).get("durationSeconds")).isGreaterThan(1800);
        assertThat(versions()).hasSize(6).containsOnly("3");
    }

    @Test
    void protectedAndStandbyInstances_areHandledAsAsked() throws Exception {
        start(AsgWorlds.web(6).build());
        AutoScalingClient asg = aws.session(aws.sim().region()).autoScaling();
        List<String> ids = inService().stream().map(GroupInstanceView::instanceId).sorted().toList();
        asg.setInstanceProtection(r -> r.autoScalingGroupName("web").instanceIds(ids.get(0)).protectedFromScaleIn(true));
        asg.enterStandby(r -> r.autoScalingGroupName("web").instanceIds(ids.get(1)).shouldDecrementDesiredCapacity(true));
        AwsAsgRolloutStep step = step("base-v2");
        step.setScaleInProtectedInstances("Refresh");
        step.setStandbyInstances("Terminate");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().state().group("web").instances()).noneMatch(i -> i.instanceId().equals(ids.get(0)));
        assertThat(aws.sim().state().group("web").instances()).noneMatch(i -> i.instanceId().equals(ids.get(1))
                && !i.lifecycleState().equals("Terminating"));
        assertThat(versions()).hasSize(5).containsOnly("3");
        assertThat(aws.sim().capacity("web").minHealthy()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void ignoredProtectedInstances_stayAndAreListed() throws Exception {
        start(AsgWorlds.web(4).build());
        AutoScalingClient asg = aws.session(aws.sim().region()).autoScaling();
        String kept = inService().get(0).instanceId();
        asg.setInstanceProtection(r -> r.autoScalingGroupName("web").instanceIds(kept).protectedFromScaleIn(true));
        AwsAsgRolloutStep step = step("base-v2");
        step.setScaleInProtectedInstances("Ignore");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(versions()).hasSize(4).containsExactlyInAnyOrder("1", "3", "3", "3");
        assertThat(build.log()).contains("Left on their current configuration: " + kept);
    }

    @Test
    void maxSize_isRaisedForInstancesLaunchedFirstThenRestored() throws Exception {
        start(AsgWorlds.web(4, g -> g.maxSize(4)).build());

        TestStepContext build = aws.run(step("base-v2"));

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().capacity("web").maxInService()).isEqualTo(6);
        assertThat(aws.sim().state().group("web").maxSize()).isEqualTo(4);
        assertThat(build.log()).contains("maximum size raised to 6", "Maximum size of web back to 4");
    }

    @Test
    void withoutLoadBalancers_gatesOnAutoScalingHealth() throws Exception {
        start(AsgWorlds.web(3, g -> g.targetGroups()).build());

        TestStepContext build = aws.run(step("base-v2"));

        assertThat(build.failure()).isNull();
        assertThat(versions()).hasSize(3).containsOnly("3");
        assertThat(aws.sim().calls().count("DescribeTargetHealth")).isZero();
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(3);
    }
}
