package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;

/**
 * How close {@code awsAsgRollout} gets to the time the work itself takes (boot 60 s and health check 30 s per batch
 * here; the 30 s drain of the old instance runs beside the boot of its replacement), and what its polls cost: the full
 * figures are in docs/benchmarks.md.
 */
class AwsAsgRolloutPaceTest {

    private static final Duration BATCH = Duration.ofSeconds(60 + 30);

    private SimulatedAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    /** Four instances, one replaced at a time, the new ones gated on the health check alone. */
    private AwsAsgRolloutStep step(String strategy) {
        aws = SimulatedAws.start(AsgWorlds.web(4, g -> g.minSize(1))
                .timings(t -> t.withRegistration(Duration.ZERO).withTerminate(Duration.ZERO)).build());
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setStrategy(strategy);
        step.setAmi(aws.sim().state().image("base-v2").id());
        step.setMinHealthyPercentage(75);
        step.setMaxHealthyPercentage(100);
        step.setInstanceWarmupSeconds(0);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    private Duration elapsed() {
        return Duration.between(SimulatedAws.EPOCH, aws.clock().instant());
    }

    @Test
    void rolling_pollsWhenEachWaitIsDue_soItTakesLittleMoreThanTheWorkItself() throws Exception {
        AwsAsgRolloutStep step = step("rolling");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).as(build.log()).isNull();
        Duration work = BATCH.multipliedBy(4);
        // The first batch backs off while nothing is known; later ones poll when the last batch's instances were due.
        assertThat(elapsed()).isBetween(work, work.plusSeconds(20));
        assertThat(aws.sim().capacity("web").minHealthy()).isGreaterThanOrEqualTo(3);
        assertThat(aws.sim().capacity("web").maxCounted()).isLessThanOrEqualTo(4);
    }

    @Test
    void rolling_stepsWithNothingToDo_costNoRead() throws Exception {
        AwsAsgRolloutStep step = step("rolling");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).as(build.log()).isNull();
        // Per batch: the polls while the new instance boots (and the old one drains, terminating), and one read after
        // the termination; the steps in between ride on the read of the tick before them.
        long reads = aws.sim().calls().count("DescribeAutoScalingGroups");
        assertThat(reads).isLessThanOrEqualTo(4 * 16 + 4);
        assertThat(aws.sim().calls().count("DescribeTargetHealth")).isBetween(reads - 5, reads);
    }

    @Test
    void rolling_whenAwsThrottlesSomeTerminations_keepsThoseThatGotThroughAndAsksAgainForTheRest() throws Exception {
        AwsAsgRolloutStep step = step("rolling");
        step.setMinHealthyPercentage(50);
        step.setMaxHealthyPercentage(100);
        // The first termination is refused (the SDK does not retry it: the engine does, on its clock): that one is held
        // back, the next goes through.
        aws.sim().faults().throttleNext("TerminateInstanceInAutoScalingGroup", 1);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).as(build.log()).isNull();
        assertThat(build.log()).contains("AWS WARNING: AutoScaling returned Throttling: Rate exceeded; 1 of 2 instances of batch 1 of "
                + "web asked to terminate, the rest in 1s.");
        java.util.List<String> terminated = aws.sim().calls().matching(c -> c.action().equals("TerminateInstanceInAutoScalingGroup")
                && c.ok()).stream().map(c -> c.param("InstanceId")).toList();
        assertThat(terminated).hasSize(4).doesNotHaveDuplicates();
        assertThat(aws.sim().capacity("web").minHealthy()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void instanceRefresh_endsWithinSecondsOfTheRefresh() throws Exception {
        AwsAsgRolloutStep step = step("instanceRefresh");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).as(build.log()).isNull();
        try (AutoScalingClient asg = SimClients.of(aws.sim()).autoScaling()) {
            InstanceRefresh refresh = asg.describeInstanceRefreshes(r -> r.autoScalingGroupName("web")).instanceRefreshes().get(0);
            Duration after = Duration.between(refresh.endTime(), SimulatedAws.EPOCH.plus(elapsed()));
            // The refresh's batches take about as long each: the plugin polls when the last one can end at the earliest.
            assertThat(after).isBetween(Duration.ZERO, Duration.ofSeconds(5));
        }
    }
}
