package io.jenkins.plugins.awsrollout.sim.autoscaling;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.CapacitySample;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.SimState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;

class AutoScalingGroupTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private AutoScalingClient asg;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(Fixtures.web(6).build(), clock);
        asg = SimClients.of(sim).autoScaling();
    }

    @AfterEach
    void stop() {
        asg.close();
        sim.close();
    }

    private AutoScalingGroup web() {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0);
    }

    private List<String> inService() {
        return web().instances().stream().filter(i -> i.lifecycleStateAsString().equals("InService")).map(Instance::instanceId).toList();
    }

    @Test
    void seededGroupIsInServiceAndHealthyAtTimeZero() {
        AutoScalingGroup group = web();

        assertThat(group.instances()).hasSize(6).allSatisfy(i -> {
            assertThat(i.lifecycleStateAsString()).isEqualTo("InService");
            assertThat(i.healthStatus()).isEqualTo("Healthy");
            assertThat(i.launchTemplate().version()).isEqualTo("1");
        });
        assertThat(group.launchTemplate().launchTemplateName()).isEqualTo("web-lt");
        assertThat(group.targetGroupARNs()).singleElement().asString().contains(":targetgroup/web-tg/");
        assertThat(sim.capacity("web").latest()).isEqualTo(new CapacitySample(T0, 6, 6, 6));
    }

    @Test
    void terminatedInstanceDrainsThenIsReplacedAndTheReplacementBecomesHealthy() {
        String victim = inService().get(0);

        var activity = asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(victim).shouldDecrementDesiredCapacity(false)).activity();

        assertThat(activity.description()).isEqualTo("Terminating EC2 instance: " + victim);
        assertThat(sim.state().targetHealth("web-tg").get(victim).state()).isEqualTo("draining");
        Fixtures.advanceUntil(clock, Duration.ofSeconds(5), Duration.ofMinutes(10), () -> sim.capacity("web").latest().healthyInService() == 6);
        assertThat(sim.state().group("web").instances()).hasSize(6).noneMatch(i -> i.instanceId().equals(victim));
        assertThat(sim.capacity("web").minHealthy()).isEqualTo(5);
        assertThat(sim.state().group("web").activities()).extracting(SimState.ActivityView::description)
                .anyMatch(d -> d.startsWith("Launching a new EC2 instance: i-"));
        assertThat(sim.state().instance(victim).state()).isEqualTo("terminated");
    }

    @Test
    void terminateWithDecrementShrinksTheGroup() {
        asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(inService().get(0)).shouldDecrementDesiredCapacity(true));
        clock.advance(Duration.ofMinutes(5));

        assertThat(web().desiredCapacity()).isEqualTo(5);
        assertThat(web().instances()).hasSize(5);
    }

    @Test
    void unknownInstanceIsAValidationError() {
        assertThatThrownBy(() -> asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId("i-0000000000000000f")
                .shouldDecrementDesiredCapacity(false)))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.getMessage()).contains("No managed instance found for instance ID i-0000000000000000f");
                });
    }

    @Test
    void unhealthyInstanceIsReplacedAfterTheGracePeriodUnlessReplaceUnhealthyIsSuspended() {
        String sick = inService().get(0);
        String alsoSick = inService().get(1);
        sim.faults().markUnhealthy(sick);
        clock.advance(Duration.ofSeconds(30));
        assertThat(sim.state().targetHealth("web-tg").get(sick).reason()).isEqualTo("Target.FailedHealthChecks");

        clock.advance(Duration.ofMinutes(1));
        assertThat(inService()).doesNotContain(sick);

        asg.suspendProcesses(r -> r.autoScalingGroupName("web").scalingProcesses("ReplaceUnhealthy"));
        sim.faults().markUnhealthy(alsoSick);
        clock.advance(Duration.ofMinutes(5));
        var member = web().instances().stream().filter(i -> i.instanceId().equals(alsoSick)).findFirst().orElseThrow();
        assertThat(member.healthStatus()).isEqualTo("Unhealthy");
        assertThat(member.lifecycleStateAsString()).isEqualTo("InService");
        assertThat(web().suspendedProcesses()).extracting(p -> p.processName()).containsExactly("ReplaceUnhealthy");
    }

    @Test
    void setDesiredCapacityLaunchesAndTerminates() {
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(8));
        clock.advance(Duration.ofMinutes(2));
        assertThat(inService()).hasSize(8);

        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(3));
        clock.advance(Duration.ofMinutes(2));
        assertThat(web().instances()).hasSize(3);
        assertThatThrownBy(() -> asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(50)))
                .isInstanceOf(AutoScalingException.class).hasMessageContaining("above max value 12");
    }

    @Test
    void failedLaunchesAreRecordedAsFailedActivitiesAndRetried() {
        sim.faults().failLaunches(2);
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(7));
        clock.advance(Duration.ofMinutes(3));

        var activities = asg.describeScalingActivities(r -> r.autoScalingGroupName("web")).activities();
        assertThat(activities).filteredOn(a -> a.statusCodeAsString().equals("Failed")).hasSize(2)
                .allSatisfy(a -> assertThat(a.statusMessage()).contains("do not have sufficient t3.micro capacity"));
        assertThat(inService()).hasSize(7);
    }

    @Test
    void standbyLeavesTheLoadBalancersAndComesBack() {
        String id = inService().get(0);

        asg.enterStandby(r -> r.autoScalingGroupName("web").instanceIds(id).shouldDecrementDesiredCapacity(true));
        clock.advance(Duration.ofSeconds(30));
        assertThat(web().desiredCapacity()).isEqualTo(5);
        assertThat(sim.state().targetHealth("web-tg")).doesNotContainKey(id);

        var exit = asg.exitStandby(r -> r.autoScalingGroupName("web").instanceIds(id)).activities();
        assertThat(exit).singleElement().satisfies(a -> assertThat(a.statusCodeAsString()).isEqualTo("PreInService"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(web().desiredCapacity()).isEqualTo(6);
        assertThat(sim.state().targetHealth("web-tg").get(id).state()).isEqualTo("healthy");
    }

    @Test
    void detachKeepsTheInstanceRunningAndAttachBringsItBack() {
        String id = inService().get(0);

        asg.detachInstances(r -> r.autoScalingGroupName("web").instanceIds(id).shouldDecrementDesiredCapacity(true));
        clock.advance(Duration.ofMinutes(1));
        assertThat(web().instances()).extracting(Instance::instanceId).doesNotContain(id);
        assertThat(sim.state().instance(id).state()).isEqualTo("running");

        asg.attachInstances(r -> r.autoScalingGroupName("web").instanceIds(id));
        clock.advance(Duration.ofMinutes(1));
        assertThat(inService()).contains(id).hasSize(6);
    }

    @Test
    void describeGroupsPaginatesAndUnknownNamesGiveAnEmptyList() {
        assertThat(asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("nope")).autoScalingGroups()).isEmpty();
        assertThat(asg.describeAutoScalingGroupsPaginator(r -> r.maxRecords(1)).autoScalingGroups()).hasSize(1);
        assertThat(asg.describeAutoScalingInstancesPaginator(r -> r.maxRecords(4)).autoScalingInstances()).hasSize(6)
                .allSatisfy(i -> assertThat(i.healthStatus()).isEqualTo("HEALTHY"));
    }
}
