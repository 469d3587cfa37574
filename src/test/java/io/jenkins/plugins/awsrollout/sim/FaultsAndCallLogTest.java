package io.jenkins.plugins.awsrollout.sim;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.ec2.Ec2Client;

class FaultsAndCallLogTest {

    private List<String> outcomes(long seed) {
        try (AwsSimulator sim = AwsSimulator.start(Fixtures.web(2).seed(seed).build(), ManualClock.at(T0));
                AutoScalingClient asg = SimClients.of(sim).withMaxAttempts(1).autoScaling()) {
            sim.faults().throttleAll(0.3).serverErrors("DescribeAutoScalingGroups", 0.2);
            for (int i = 0; i < 20; i++) {
                try {
                    asg.describeAutoScalingGroups();
                } catch (AutoScalingException e) {
                    // Outcomes are read from the call log.
                }
            }
            return sim.calls().all().stream().map(Call::outcome).toList();
        }
    }

    @Test
    void seededFaultRatesRepeatRunForRun() {
        List<String> first = outcomes(7);

        assertThat(outcomes(7)).isEqualTo(first);
        assertThat(first).contains("OK", "Throttling", "InternalFailure");
    }

    @Test
    void serverErrorsAreRetriedByTheSdkUntilTheBudgetRunsOut() {
        try (AwsSimulator sim = AwsSimulator.start(Fixtures.web(2).build(), ManualClock.at(T0));
                AutoScalingClient asg = SimClients.of(sim).withMaxAttempts(3).autoScaling()) {
            sim.faults().serverErrors("SetDesiredCapacity", 1.0);

            assertThatThrownBy(() -> asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(3)))
                    .isInstanceOfSatisfying(AutoScalingException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
            assertThat(sim.calls().of("SetDesiredCapacity")).hasSize(3).extracting(Call::httpStatus).containsOnly(500);
        }
    }

    @Test
    void callLogSeparatesMutatingCallsAndCountsPerAction() {
        try (AwsSimulator sim = AwsSimulator.start(Fixtures.web(2).build(), ManualClock.at(T0));
                AutoScalingClient asg = SimClients.of(sim).autoScaling(); Ec2Client ec2 = SimClients.of(sim).ec2()) {
            asg.describeAutoScalingGroups();
            asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(3));
            ec2.describeInstances();
            ec2.describeInstances();

            assertThat(sim.calls().mutating()).extracting(Call::action).containsExactly("SetDesiredCapacity");
            assertThat(sim.calls().countsByAction()).containsEntry("DescribeInstances", 2L).containsEntry("DescribeAutoScalingGroups", 1L);
            Call set = sim.calls().of("SetDesiredCapacity").get(0);
            assertThat(set.params()).containsEntry("DesiredCapacity", "3").containsEntry("AutoScalingGroupName", "web");
            assertThat(set.service()).isEqualTo("autoscaling");
            assertThat(set.region()).isEqualTo("us-east-1");
            assertThat(set.time()).isEqualTo(T0);
        }
    }
}
