package io.jenkins.plugins.awsrollout.sim;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/** Load the benchmarks will put on one simulator: many concurrent clients, large groups. */
class ScaleTest {

    @Test
    void twoHundredConcurrentClientsAreAllAnswered() throws Exception {
        try (AwsSimulator sim = AwsSimulator.start(Fixtures.web(4).build(), ManualClock.at(T0));
                AutoScalingClient asg = SimClients.of(sim).autoScaling()) {
            ExecutorService pool = Executors.newFixedThreadPool(200);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    int seen = 0;
                    for (int call = 0; call < 2; call++) {
                        seen += asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().size();
                    }
                    return seen;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(total).isEqualTo(400);
            assertThat(sim.calls().of("DescribeAutoScalingGroups")).hasSize(400).allMatch(Call::ok);
        }
    }

    @Test
    void aThousandInstanceGroupRefreshesInBatches() {
        ManualClock clock = ManualClock.at(T0);
        World world = World.builder().region("us-east-1").image("v1").image("v2")
                .launchTemplate("big-lt", lt -> lt.image("v1").version(v -> v.image("v2")))
                .targetGroup("big-tg", tg -> tg.deregistrationDelaySeconds(10))
                .autoScalingGroup("big", g -> g.launchTemplate("big-lt").instances(1000).maxSize(2000).targetGroups("big-tg")
                        .healthCheckType("ELB").healthCheckGracePeriodSeconds(30))
                .timings(t -> t.withBoot(Duration.ofSeconds(20)).withRegistration(Duration.ZERO).withHealthCheck(Duration.ofSeconds(10)))
                .build();
        try (AwsSimulator sim = AwsSimulator.start(world, clock); AutoScalingClient asg = SimClients.of(sim).autoScaling()) {
            asg.startInstanceRefresh(r -> r.autoScalingGroupName("big").preferences(p -> p.minHealthyPercentage(90).instanceWarmup(0))
                    .desiredConfiguration(d -> d.launchTemplate(t -> t.launchTemplateName("big-lt").version("2"))));

            Fixtures.advanceUntil(clock, Duration.ofSeconds(30), Duration.ofHours(2),
                    () -> sim.state().group("big").refreshes().get(0).status().equals("Successful"));

            assertThat(sim.capacity("big").minHealthy()).isEqualTo(900);
            clock.advance(Duration.ofMinutes(1));
            assertThat(sim.state().group("big").instances()).hasSize(1000).allMatch(i -> "2".equals(i.launchTemplateVersion()));
        }
    }
}
