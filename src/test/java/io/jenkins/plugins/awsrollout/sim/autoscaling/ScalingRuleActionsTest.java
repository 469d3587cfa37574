package io.jenkins.plugins.awsrollout.sim.autoscaling;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/** Scaling policies and scheduled actions through the SDK: put, describe, delete; a one-time action runs at its time. */
class ScalingRuleActionsTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private AutoScalingClient asg;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").image("base")
                .launchTemplate("app-lt", lt -> lt.image("base").instanceType("t3.micro")).build(), clock);
        asg = SimClients.of(sim).autoScaling();
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("app").minSize(1).maxSize(6).desiredCapacity(2)
                .launchTemplate(t -> t.launchTemplateName("app-lt").version("$Latest")));
    }

    @AfterEach
    void stop() {
        asg.close();
        sim.close();
    }

    @Test
    void policies_areUpdatedInPlace_andDeleted() {
        String arn = asg.putScalingPolicy(r -> r.autoScalingGroupName("app").policyName("cpu").policyType("TargetTrackingScaling")
                .targetTrackingConfiguration(t -> t.targetValue(50.0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType("ASGAverageCPUUtilization")))).policyARN();
        String again = asg.putScalingPolicy(r -> r.autoScalingGroupName("app").policyName("cpu").policyType("TargetTrackingScaling")
                .targetTrackingConfiguration(t -> t.targetValue(60.0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType("ASGAverageCPUUtilization")))).policyARN();
        assertThat(again).isEqualTo(arn);
        assertThat(asg.describePolicies(r -> r.autoScalingGroupName("app")).scalingPolicies()).singleElement()
                .satisfies(p -> assertThat(p.targetTrackingConfiguration().targetValue()).isEqualTo(60.0));

        asg.deletePolicy(r -> r.autoScalingGroupName("app").policyName("cpu"));
        assertThat(asg.describePolicies(r -> r.autoScalingGroupName("app")).scalingPolicies()).isEmpty();
        assertThatThrownBy(() -> asg.deletePolicy(r -> r.autoScalingGroupName("app").policyName("cpu")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void scheduledActions_areDescribed_andAOneTimeActionRunsAtItsTime() {
        asg.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("app").scheduledActionName("mornings")
                .recurrence("0 7 * * MON-FRI").desiredCapacity(4));
        asg.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("app").scheduledActionName("launch-day")
                .startTime(T0.plus(Duration.ofHours(1))).minSize(3).desiredCapacity(5));
        assertThat(asg.describeScheduledActions(r -> r.autoScalingGroupName("app")).scheduledUpdateGroupActions())
                .extracting(a -> a.scheduledActionName()).containsExactly("mornings", "launch-day");

        clock.advance(Duration.ofHours(1));

        assertThat(sim.state().group("app").desiredCapacity()).isEqualTo(5);
        assertThat(sim.state().group("app").minSize()).isEqualTo(3);
        assertThat(asg.describeScheduledActions(r -> r.autoScalingGroupName("app")).scheduledUpdateGroupActions())
                .extracting(a -> a.scheduledActionName()).containsExactly("mornings");
        asg.deleteScheduledAction(r -> r.autoScalingGroupName("app").scheduledActionName("mornings"));
        assertThat(asg.describeScheduledActions(r -> r.autoScalingGroupName("app")).scheduledUpdateGroupActions()).isEmpty();
        assertThatThrownBy(() -> asg.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("app").scheduledActionName("late")
                .startTime(T0).desiredCapacity(1))).hasMessageContaining("Given start time is in the past");
    }
}
