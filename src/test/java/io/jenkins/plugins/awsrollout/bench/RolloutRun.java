package io.jenkins.plugins.awsrollout.bench;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.aws.RetrySettings;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import io.jenkins.plugins.awsrollout.testing.TestStepRuntime;
import io.jenkins.plugins.awsrollout.testing.Ticks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;

/** Runs one {@link RolloutCase} through the {@code awsAsgRollout} step on the simulator, on virtual time, and measures it. */
final class RolloutRun {

    /** The SDK's default attempts per call; the backoff between them is 1 ms of real time (the clock is virtual). */
    static final RetrySettings RETRY = new RetrySettings(false, RetrySettings.DEFAULT_MAX_ATTEMPTS, Duration.ofMillis(1));

    /** The access key the rollout calls with (the test runtime's credentials {@link SimulatedAws#CREDENTIALS_ID}). */
    static final String DEPLOYER_KEY = "AKIASIMDEPLOYER00001";

    /** The key the benchmark itself reads the simulator with, kept out of every count. */
    static final String OBSERVER_KEY = "AKIABENCHOBSERVER001";

    private RolloutRun() {}

    /**
     * What one rollout did.
     *
     * @param rolloutCase the configuration
     * @param throttleRate the share of calls throttled
     * @param status the returned status
     * @param duration simulated time from the step's start to its end
     * @param refreshDuration the instance refresh's own StartTime to EndTime, or null for {@code rolling}
     * @param calls the rollout's calls (every attempt, throttled ones included), in order
     * @param ticks how many ticks the driver ran (one save each)
     * @param minHealthy the lowest healthy-in-service count of the group
     * @param floor the floor the rollout kept
     * @param maxInService the highest InService count of the group
     * @param maxCounted the most instances counted against the ceiling at once (Pending or InService, not leaving)
     * @param peakInstances the most EC2 instances that existed at once, draining ones included
     * @param savedBytes the size of the execution as last saved
     * @param wallMillis real time the run took
     * @param heapBytes the heap the run held at its end (simulator, call log and rollout), after a full GC
     */
    record Measurement(RolloutCase rolloutCase, double throttleRate, String status, Duration duration,
            Duration refreshDuration, List<Call> calls, int ticks, int minHealthy, int floor, int maxInService,
            int maxCounted, int peakInstances, int savedBytes, long wallMillis, long heapBytes) {

        /** The duration over the configuration's true minimum ({@link RolloutCase#lowerBound()}). */
        double ratio() {
            return (double) duration.toMillis() / rolloutCase.lowerBound().toMillis();
        }

        /** The duration over the minimum at the controller's pace ({@link RolloutCase#pacedBound()}). */
        double pacedRatio() {
            return (double) duration.toMillis() / rolloutCase.pacedBound().toMillis();
        }

        long count(Predicate<Call> predicate) {
            return calls.stream().filter(predicate).count();
        }

        long reads() {
            return count(c -> !c.mutating());
        }

        long writes() {
            return count(Call::mutating);
        }

        long throttled() {
            return count(Call::throttled);
        }

        /** Instances Auto Scaling was asked (successfully) to terminate more than once: none, if replays are idempotent. */
        long terminatedTwice() {
            Map<String, Long> byInstance = calls.stream()
                    .filter(c -> c.action().equals("TerminateInstanceInAutoScalingGroup") && c.ok())
                    .collect(Collectors.groupingBy(c -> c.param("InstanceId"), Collectors.counting()));
            return byInstance.values().stream().filter(n -> n > 1).count();
        }

        /** Polls: every tick that looks at the group reads it once. */
        long polls() {
            return count(c -> c.action().equals("DescribeAutoScalingGroups") && c.ok());
        }

        Map<String, Long> byAction() {
            return calls.stream().collect(Collectors.groupingBy(Call::action, TreeMap::new, Collectors.counting()));
        }

        /** The most calls in one second of simulated time. */
        long busiestSecond(Predicate<Call> predicate) {
            return calls.stream().filter(predicate).collect(Collectors.groupingBy(c -> c.time().getEpochSecond(), Collectors.counting()))
                    .values().stream().mapToLong(Long::longValue).max().orElse(0);
        }

        /**
         * The time the SDK's standard retry mode would have slept before the retries in {@link #calls}: it sleeps in
         * real time, which the virtual clock does not see. A retry is the same call again at the same simulated
         * instant (the driver's own backoff moves the clock). Before retry {@code n} (1, 2, ...) after a throttled
         * attempt the SDK sleeps a time drawn uniformly from 0 to {@code min(20 s, 1 s × 2^(n-1))}; this is the
         * mean, summed over the retries that happened.
         */
        Duration sdkRetryWait() {
            double seconds = 0;
            int retry = 0;
            for (int i = 0; i + 1 < calls.size(); i++) {
                Call call = calls.get(i);
                Call next = calls.get(i + 1);
                boolean retried = call.throttled() && next.action().equals(call.action()) && next.params().equals(call.params())
                        && next.time().equals(call.time());
                if (retried) {
                    retry++;
                    seconds += 0.5 * Math.min(20, Math.pow(2, retry - 1));
                } else {
                    retry = 0;
                }
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        }
    }

    /**
     * A controller for the benchmarks' own ticks: the simulator as the default endpoint, and one access key for every
     * credentials id, so the simulator's call log tells this caller apart. Jitter comes from a thread-safe generator,
     * as ticks may run on a pool.
     */
    static TestStepRuntime runtime(Clock clock, Ticks ticks, String endpoint, String region, String accessKey) {
        String secret = "bench-secret-" + accessKey;
        return new TestStepRuntime(clock, ticks)
                .withDefaults(new AwsDefaults(region, null, null, null, endpoint, AwsDefaults.DEFAULT_POLL_INTERVAL,
                        AwsDefaults.DEFAULT_MAX_POLL_INTERVAL, RETRY))
                .withDefaultCredentials(accessKey, secret)
                .withCredentials("deployer", accessKey, secret)
                .withCredentials(SimulatedAws.CREDENTIALS_ID, accessKey, secret)
                .withRandom(new java.util.Random(7));
    }

    static Measurement run(RolloutCase rolloutCase, double throttleRate, long seed) throws Exception {
        long wallStart = System.nanoTime();
        HeapWatch heap = HeapWatch.start();
        try (SimulatedAws aws = SimulatedAws.start(BenchWorld.group(rolloutCase.size()).seed(seed).build())) {
            AwsDefaults defaults = aws.defaults();
            aws.runtime().withDefaults(new AwsDefaults(defaults.region(), null, null, null, defaults.endpointUrl(),
                    defaults.pollInterval(), defaults.maxPollInterval(), RETRY));
            String ami = aws.sim().state().image("app-v2").id();
            InstanceCounter instances = InstanceCounter.attach(aws.sim());
            if (throttleRate > 0) {
                aws.sim().faults().seed(seed).throttleAll(throttleRate);
            }
            Instant start = aws.clock().instant();
            TestStepContext build = aws.context("bench", 1);
            aws.start(rolloutCase.step(ami, SimulatedAws.CREDENTIALS_ID), build);
            aws.runToEnd(build);
            Instant end = aws.clock().instant();
            aws.sim().faults().clear();
            String status;
            if (build.isCompleted() && build.failure() == null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) build.result();
                status = String.valueOf(result.get("status"));
            } else {
                // A failed rollout is a figure too: the tables say so instead of the run stopping.
                status = "Failed: " + (build.failure() == null ? "did not end" : build.failure().getMessage());
                System.err.println(rolloutCase.label() + " (" + rolloutCase.mode() + ", " + throttleRate + " throttled): " + status + "\n"
                        + tail(build.log()));
            }
            List<Call> calls = aws.sim().calls().matching(c -> DEPLOYER_KEY.equals(c.accessKeyId()));
            Duration refresh = rolloutCase.strategy().equals("instanceRefresh") ? refreshDuration(aws) : null;
            var history = aws.sim().capacity(BenchWorld.GROUP);
            int floor = (int) Math.ceil(rolloutCase.size() * rolloutCase.minHealthyPercentage() / 100.0);
            byte[] saved = build.savedBytes();
            long heapBytes = heap.retained();
            return new Measurement(rolloutCase, throttleRate, status, Duration.between(start, end),
                    refresh, calls, build.saves(), history.minHealthy(), floor, history.maxInService(), history.maxCounted(),
                    instances.peak(), saved == null ? 0 : saved.length, (System.nanoTime() - wallStart) / 1_000_000, heapBytes);
        }
    }

    private static Duration refreshDuration(SimulatedAws aws) {
        try (AutoScalingClient asg = SimClients.of(aws.sim()).withCredentials(OBSERVER_KEY, "observer-secret").autoScaling()) {
            List<InstanceRefresh> refreshes = asg.describeInstanceRefreshes(r -> r.autoScalingGroupName(BenchWorld.GROUP))
                    .instanceRefreshes();
            InstanceRefresh refresh = refreshes.isEmpty() ? null : refreshes.get(0);
            return refresh == null || refresh.endTime() == null ? null : Duration.between(refresh.startTime(), refresh.endTime());
        }
    }

    static String tail(String log) {
        List<String> lines = Arrays.asList(log.split("\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
