package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.aws.ApiRates;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.CapacitySample;
import io.jenkins.plugins.awsrollout.sim.CloudListener;
import io.jenkins.plugins.awsrollout.sim.SimState.GroupInstanceView;
import io.jenkins.plugins.awsrollout.sim.Timings;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pipelining (issue #19): the old instances of a batch drain while Terminating (Auto Scaling deregisters them and waits
 * for the deregistration delay on termination), which does not count against the ceiling, so their replacements
 * (terminate first) or the next batch (launch first) boot during the drain. Each batch then takes a boot and a health
 * check, not also a drain; the floor (healthy in service) and the ceiling (Pending or InService, not leaving) hold at
 * every sample of the simulator's capacity history, overlap included; and a restart at any moment of the overlap
 * replays into the same end: every old instance terminated once, no launch more than needed.
 */
class AwsAsgRolloutPipelineTest {

    /** Not a multiple of the poll interval, so no poll lands on a batch's end by chance. */
    private static final Duration BOOT = Duration.ofMillis(61_300);
    private static final Duration HEALTH = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration BATCH = BOOT.plus(HEALTH);

    private SimulatedAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    /** Group sizes, batch percentages and both ways of making room. */
    static Stream<Arguments> configurations() {
        List<Arguments> all = new ArrayList<>();
        for (int size : List.of(4, 10, 23)) {
            for (int batch : List.of(10, 25, 50)) {
                for (boolean launchFirst : List.of(false, true)) {
                    // Where the percentages leave no room at all, the rollout refuses to start (another test's case).
                    if (ceiling(size, batch, launchFirst) > floor(size, batch, launchFirst)) {
                        all.add(Arguments.of(size, batch, launchFirst));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} instances, {1}% batches, launch first {2}")
    @MethodSource("configurations")
    void batchesOverlapTheDrain_eachTakesABootAndAHealthCheck_andFloorAndCeilingHoldThroughout(int size, int batchPercent,
            boolean launchFirst) throws Exception {
        start(size);
        Set<String> old = inServiceIds();
        AtomicInteger alive = new AtomicInteger(size);
        AtomicInteger peakAlive = new AtomicInteger(size);
        watchInstances(alive, peakAlive);

        TestStepContext build = aws.run(step(batchPercent, launchFirst));

        assertThat(build.failure()).as(build.log()).isNull();
        int floor = floor(size, batchPercent, launchFirst);
        int ceiling = ceiling(size, batchPercent, launchFirst);
        int perBatch = Math.min(ceiling - floor, (int) Math.ceil(size * batchPercent / 100.0));
        int batches = (size + perBatch - 1) / perBatch;
        assertEveryOldInstanceTerminatedOnce(old);
        assertThat(versions()).hasSize(size).containsOnly("3");
        // Floor and ceiling at every sample, overlap included.
        for (CapacitySample sample : aws.sim().capacity("web").samples()) {
            assertThat(sample.healthyInService()).as("healthy at " + sample.time()).isGreaterThanOrEqualTo(floor);
            assertThat(sample.counted()).as("counted at " + sample.time()).isLessThanOrEqualTo(ceiling);
        }
        // The overlap happened: old instances still existed (draining) while the ceiling's worth of others counted.
        assertThat(peakAlive.get()).isGreaterThan(ceiling);
        // Each batch starts one boot and one health check after the one before (within the polls' precision): the
        // drain is off the critical path. The first batch knows nothing yet and is seen within one poll interval.
        List<Instant> starts = batchStarts(launchFirst);
        assertThat(starts).hasSize(batches);
        for (int i = 1; i < starts.size(); i++) {
            Duration took = Duration.between(starts.get(i - 1), starts.get(i));
            // The first batch is seen within one poll interval (5 s), the next within halving steps of the window it
            // showed, then within 0.1 s.
            Duration slack = i == 1 ? Duration.ofSeconds(5) : i == 2 ? Duration.ofSeconds(1) : Duration.ofMillis(150);
            assertThat(took).as("batch " + i).isBetween(BATCH, BATCH.plus(slack));
        }
        Duration elapsed = Duration.between(SimulatedAws.EPOCH, aws.clock().instant());
        assertThat(elapsed).isLessThan(BATCH.plus(DRAIN).multipliedBy(batches));
    }

    @ParameterizedTest(name = "launch first {0}")
    @MethodSource("modes")
    void restartAtAnyMomentOfTheOverlap_replaysIntoTheSameEnd(boolean launchFirst) throws Exception {
        int size = 6;
        int batchPercent = 34;
        int floor = floor(size, batchPercent, launchFirst);
        int ceiling = ceiling(size, batchPercent, launchFirst);
        // Every 7.5 s from the first batch's terminations to the end of the third batch: inside each drain and boot.
        for (int at = 0; at <= 3 * 90; at += 15) {
            for (int half = 0; half <= 1; half++) {
                long offsetMillis = at * 1000L + half * 7500L;
                stop();
                start(size);
                Set<String> old = inServiceIds();
                TestStepContext build = aws.context("deploy", 1);
                aws.start(step(batchPercent, launchFirst), build);
                aws.scheduler().runUntil(() -> aws.sim().calls().count("TerminateInstanceInAutoScalingGroup") > 0 || build.isCompleted(),
                        1_000_000);
                Instant restartAt = aws.clock().instant().plusMillis(offsetMillis);
                aws.scheduler().runUntil(() -> !aws.clock().instant().isBefore(restartAt) || build.isCompleted(), 1_000_000);
                String where = "restart " + offsetMillis + " ms after the first termination";
                if (!build.isCompleted()) {
                    aws.restart(build);
                }
                aws.runToEnd(build);

                assertThat(build.failure()).as(where + "\n" + build.log()).isNull();
                assertEveryOldInstanceTerminatedOnce(old);
                assertThat(versions()).as(where).hasSize(size).containsOnly("3");
                long launches = aws.sim().state().group("web").activities().stream()
                        .filter(a -> a.description().startsWith("Launching a new EC2 instance")).count();
                assertThat(launches).as(where).isEqualTo(size);
                for (CapacitySample sample : aws.sim().capacity("web").samples()) {
                    assertThat(sample.healthyInService()).as(where + ", healthy at " + sample.time()).isGreaterThanOrEqualTo(floor);
                    assertThat(sample.counted()).as(where + ", counted at " + sample.time()).isLessThanOrEqualTo(ceiling);
                }
            }
        }
    }

    @ParameterizedTest(name = "launch first {0}")
    @MethodSource("modes")
    void terminationLifecycleHooks_runForEveryOldInstance_afterItsDrain_whileTheNextInstancesBoot(boolean launchFirst)
            throws Exception {
        start(6);
        Set<String> old = inServiceIds();
        aws.session(aws.sim().region()).autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("web")
                .lifecycleHookName("ship-logs").lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(60)
                .defaultResult("CONTINUE"));
        Set<String> waited = new HashSet<>();
        TestStepContext build = aws.context("deploy", 1);
        aws.start(step(34, launchFirst), build);

        aws.scheduler().runUntil(() -> {
            aws.sim().state().group("web").instances("Terminating:Wait").forEach(i -> waited.add(i.instanceId()));
            return build.isCompleted();
        }, 1_000_000);
        // The last batch's old instances are still draining or in their hook when the rollout ends: let them finish.
        for (int i = 0; i < 24 && !waited.containsAll(old); i++) {
            aws.sim().advance(Duration.ofSeconds(5));
            aws.sim().state().group("web").instances("Terminating:Wait").forEach(v -> waited.add(v.instanceId()));
        }

        assertThat(build.failure()).as(build.log()).isNull();
        assertEveryOldInstanceTerminatedOnce(old);
        assertThat(waited).as("instances seen in Terminating:Wait").containsExactlyInAnyOrderElementsOf(old);
        // The hooks (60 s each, after a 30 s drain) did not hold the batches: each still took a boot and a health check.
        List<Instant> starts = batchStarts(launchFirst);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i - 1), starts.get(i))).as("batch " + i).isLessThan(BATCH.plusSeconds(6));
        }
    }

    /**
     * The head start (a sliding window across batches): at one termination a second, a batch of 5 is spread over 4 s,
     * and its new instances turn healthy as spread. Each old instance of the next batch leaves as one new instance is
     * healthy, so old instance {@code i} leaves one boot and health check (and at most two polls) after old instance
     * {@code i − 5} did (the first batch, which knows nothing yet, within a poll interval more), with never more than 5
     * instances on their way: floor and ceiling hold at every sample.
     */
    @ParameterizedTest(name = "launch first {0}")
    @MethodSource("modes")
    void headStart_eachOldInstanceLeavesAsTheNewOneBeforeItIsHealthy_withinFloorAndCeiling(boolean launchFirst) throws Exception {
        int size = 20;
        int batchPercent = 25;
        start(size);
        aws.runtime().withDefaults(aws.defaults().withWriteRates(new ApiRates(1, ApiRates.DEFAULT_ELB)));
        Set<String> old = inServiceIds();

        TestStepContext build = aws.run(step(batchPercent, launchFirst));

        assertThat(build.failure()).as(build.log()).isNull();
        assertEveryOldInstanceTerminatedOnce(old);
        assertThat(versions()).hasSize(size).containsOnly("3");
        int floor = floor(size, batchPercent, launchFirst);
        int ceiling = ceiling(size, batchPercent, launchFirst);
        for (CapacitySample sample : aws.sim().capacity("web").samples()) {
            assertThat(sample.healthyInService()).as("healthy at " + sample.time()).isGreaterThanOrEqualTo(floor);
            assertThat(sample.counted()).as("counted at " + sample.time()).isLessThanOrEqualTo(ceiling);
        }
        List<Instant> leaves = aws.sim().calls().matching(c -> c.ok() && c.action().equals("TerminateInstanceInAutoScalingGroup"))
                .stream().map(Call::time).toList();
        assertThat(leaves).hasSize(size);
        int batch = 5;
        for (int i = batch; i < size; i++) {
            Duration after = Duration.between(leaves.get(i - batch), leaves.get(i));
            // The first batch knows nothing yet and sees its first new instance healthy within one poll interval (5 s);
            // from then on, within a second's poll and a second's pace.
            Duration slack = Duration.ofSeconds(i < 2 * batch ? 7 : 2);
            assertThat(after).as("old instance " + i + " leaves after the new instance launched for " + (i - batch) + " is healthy")
                    .isBetween(BATCH, BATCH.plus(slack));
        }
        assertThat(build.log()).contains("ROLL Batch 2 of 4: " + (launchFirst ? "launching 5 first" : "replacing"),
                "it starts before batch 1 ends, one old instance for each new one healthy.");
    }

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of(false), Arguments.of(true));
    }

    private void start(int size) {
        Timings timings = Timings.defaults().withBoot(BOOT).withHealthCheck(HEALTH).withRegistration(Duration.ZERO)
                .withTerminate(Duration.ZERO).withStatusCheck(Duration.ZERO);
        aws = SimulatedAws.start(World.builder().region("us-east-1")
                .image("app-v1").image("app-v2")
                .launchTemplate("web-lt", lt -> lt.image("app-v1").instanceType("t3.micro").version(v -> v.image("app-v2")))
                .targetGroup("web-tg", tg -> tg.deregistrationDelaySeconds((int) DRAIN.toSeconds()))
                .autoScalingGroup("web", g -> g.launchTemplate("web-lt").launchTemplateVersion("1").instances(size).minSize(0)
                        .maxSize(size * 2).targetGroups("web-tg").healthCheckType("ELB").healthCheckGracePeriodSeconds(300))
                .timings(timings).build());
        // The overlap is measured here, not the pace (AwsAsgRolloutWritePacingTest): a batch's terminations go in one
        // round, so a batch starts at one instant.
        aws.runtime().withDefaults(aws.defaults().withWriteRates(new ApiRates(1000, ApiRates.DEFAULT_ELB)));
    }

    private AwsAsgRolloutStep step(int batchPercent, boolean launchFirst) {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setStrategy("rolling");
        step.setAmi(aws.sim().state().image("app-v2").id());
        step.setMinHealthyPercentage(launchFirst ? 100 : 100 - batchPercent);
        step.setMaxHealthyPercentage(launchFirst ? 100 + batchPercent : 100);
        step.setBatchSize(batchPercent + "%");
        step.setInstanceWarmupSeconds(0);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    private static int floor(int size, int batchPercent, boolean launchFirst) {
        return (int) Math.ceil(size * (launchFirst ? 100 : 100 - batchPercent) / 100.0);
    }

    private static int ceiling(int size, int batchPercent, boolean launchFirst) {
        return Math.max(size, (int) Math.floor(size * (launchFirst ? 100 + batchPercent : 100) / 100.0));
    }

    /**
     * When each batch started, as the moment of its first launch: terminate first, its first termination; launch first,
     * the first batch's SetDesiredCapacity, then the first old instance of the batch before terminated without taking
     * the capacity down (its replacement is the batch's launch: the head start).
     */
    private List<Instant> batchStarts(boolean launchFirst) {
        List<Instant> starts = new ArrayList<>();
        for (Call call : aws.sim().calls().matching(c -> c.ok() && (launchFirst
                ? c.action().equals("SetDesiredCapacity") || c.action().equals("TerminateInstanceInAutoScalingGroup")
                        && "false".equals(c.param("ShouldDecrementDesiredCapacity"))
                : c.action().equals("TerminateInstanceInAutoScalingGroup")))) {
            if (starts.isEmpty() || !starts.get(starts.size() - 1).equals(call.time())) {
                starts.add(call.time());
            }
        }
        return starts;
    }

    /** Counts EC2 instances alive (pending or running, draining ones included) and their peak. */
    private void watchInstances(AtomicInteger alive, AtomicInteger peak) {
        Set<String> ids = new HashSet<>();
        aws.sim().state().instances().stream().filter(i -> i.state().equals("running") || i.state().equals("pending"))
                .forEach(i -> ids.add(i.id()));
        aws.sim().cloud().locked(() -> {
            aws.sim().cloud().addListener(new CloudListener() {
                @Override
                public void instanceStateChanged(Instance instance, String previousState) {
                    if (instance.state().equals("pending") || instance.state().equals("running")) {
                        ids.add(instance.id());
                    } else {
                        ids.remove(instance.id());
                    }
                    alive.set(ids.size());
                    peak.accumulateAndGet(ids.size(), Math::max);
                }
            });
            return null;
        });
    }

    private void assertEveryOldInstanceTerminatedOnce(Set<String> old) {
        List<String> terminated = aws.sim().calls().matching(c -> c.action().equals("TerminateInstanceInAutoScalingGroup") && c.ok())
                .stream().map(c -> c.param("InstanceId")).toList();
        assertThat(terminated).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(old);
    }

    private List<String> versions() {
        return aws.sim().state().group("web").instances("InService").stream().map(GroupInstanceView::launchTemplateVersion).toList();
    }

    private Set<String> inServiceIds() {
        Set<String> ids = new HashSet<>();
        aws.sim().state().group("web").instances("InService").forEach(i -> ids.add(i.instanceId()));
        return ids;
    }
}
