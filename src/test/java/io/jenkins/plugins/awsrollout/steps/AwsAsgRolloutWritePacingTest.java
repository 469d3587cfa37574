package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.aws.ApiRates;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller's pace for AWS writes (global configuration: Auto Scaling and Elastic Load Balancing writes per
 * second), on the simulator and its virtual clock: a large batch's terminations are spread, and AWS's throttling is
 * retried by the engine without terminating anything twice.
 */
class AwsAsgRolloutWritePacingTest {

    private SimulatedAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private AwsAsgRolloutStep step(int size, int autoScalingPerSecond) {
        aws = SimulatedAws.start(AsgWorlds.web(size, g -> g.minSize(1))
                .timings(t -> t.withRegistration(Duration.ZERO).withTerminate(Duration.ZERO)).build());
        aws.runtime().withDefaults(aws.defaults().withWriteRates(new ApiRates(autoScalingPerSecond, ApiRates.DEFAULT_ELB)));
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setStrategy("rolling");
        step.setAmi(aws.sim().state().image("base-v2").id());
        step.setMinHealthyPercentage(50);
        step.setMaxHealthyPercentage(100);
        step.setInstanceWarmupSeconds(0);
        step.setTimeoutMinutes(120);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    private static long busiestSecond(List<Call> calls) {
        return calls.stream().collect(Collectors.groupingBy(c -> c.time().getEpochSecond(), Collectors.counting()))
                .values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private List<Call> writes() {
        return aws.sim().calls().matching(Call::mutating);
    }

    private List<String> terminated() {
        return aws.sim().calls().matching(c -> c.action().equals("TerminateInstanceInAutoScalingGroup") && c.ok()).stream()
                .map(c -> c.param("InstanceId")).toList();
    }

    @Test
    void rolling_spreadsABatchsTerminations_noSecondAboveTheConfiguredRate() throws Exception {
        for (int rate : List.of(3, 10)) {
            AwsAsgRolloutStep step = step(40, rate);

            TestStepContext build = aws.run(step);

            assertThat(build.failure()).as(build.log()).isNull();
            assertThat(terminated()).hasSize(40).doesNotHaveDuplicates();
            assertThat(busiestSecond(aws.sim().calls().matching(c -> c.mutating() && c.service().equals("autoscaling"))))
                    .as("Auto Scaling writes in one second at " + rate + " per second").isLessThanOrEqualTo(rate);
            // Two batches of 20: each spread over its terminations at the rate, not all in one second.
            assertThat(busiestSecond(aws.sim().calls().matching(c -> c.action().equals("TerminateInstanceInAutoScalingGroup"))))
                    .isEqualTo(rate);
            assertThat(build.log()).contains("Batch 1: terminating instances of web at " + rate + " per second (the Auto Scaling "
                    + "writes per second of Manage Jenkins » System » AWS Rollout).");
            assertThat(aws.sim().capacity("web").minHealthy()).isGreaterThanOrEqualTo(20);
            aws.close();
            aws = null;
        }
    }

    @Test
    void rolling_underHeavyThrottling_theEngineRetries_withoutSdkRetriesOrDoubleTerminations() throws Exception {
        AwsAsgRolloutStep step = step(40, 10);
        aws.sim().faults().seed(3).throttleAll(0.5);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).as(build.log()).isNull();
        assertThat(terminated()).hasSize(40).doesNotHaveDuplicates();
        // The engine's retries come later on the clock: no write is sent again at the instant it was refused.
        List<Call> calls = aws.sim().calls().matching(c -> c.action().equals("TerminateInstanceInAutoScalingGroup")
                || c.action().equals("DescribeAutoScalingGroups") || c.action().equals("DescribeTargetHealth"));
        for (int i = 0; i + 1 < calls.size(); i++) {
            Call call = calls.get(i);
            Call next = calls.get(i + 1);
            if (call.throttled() && next.action().equals(call.action()) && next.params().equals(call.params())) {
                assertThat(next.time()).as("retry of " + call.action()).isAfter(call.time());
            }
        }
        Map<String, Long> throttled = aws.sim().calls().matching(Call::throttled).stream()
                .collect(Collectors.groupingBy(Call::action, Collectors.counting()));
        assertThat(throttled).containsKey("TerminateInstanceInAutoScalingGroup");
        assertThat(aws.sim().capacity("web").minHealthy()).isGreaterThanOrEqualTo(20);
    }
}
