package io.jenkins.plugins.awsrollout.bench;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.steps.AwsAsgRolloutStep;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import io.jenkins.plugins.awsrollout.testing.TestStepRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Section 4: many rollouts driven in one JVM the way Jenkins drives them. Each is an {@code awsAsgRollout} step
 * started in its own {@link TestStepContext} (its own build, so its own AWS session, as in Jenkins); the durable
 * driver ({@code OperationExecution}) schedules its ticks; a {@link PooledVirtualScheduler} releases due ticks to a
 * fixed pool of {@link #POOL} workers, like the plugin's {@code OperationWorkers}; one simulator answers them all.
 */
final class ControllerCost {

    /** Rollouts at once, one run each. */
    static final List<Integer> ROLLOUTS = List.of(20, 200, 1000);

    /** The plugin's worker pool size ({@code OperationWorkers.SIZE}'s default). */
    static final int POOL = 8;

    static final String ACCESS_KEY = "AKIABENCHCONTROLLER1";

    /** When the figures of a waiting controller are taken: every rollout waits for its first batch to boot. */
    static final Duration WAITING_AT = Duration.ofSeconds(45);

    /**
     * What a controller running {@code rollouts} rollouts looked like.
     *
     * @param rollouts rollouts run at once
     * @param groupSize instances per group
     * @param threadsBefore live JVM threads before any rollout started, by kind
     * @param threadsWaiting live JVM threads while every rollout waited, by kind
     * @param peakThreads the most live JVM threads at any moment of the run
     * @param heapPerRollout heap retained per waiting rollout, after a full GC
     * @param logBytes mean in-memory build log per rollout at that moment (on disk in Jenkins)
     * @param savedBytes mean saved execution per rollout at that moment (on disk in Jenkins)
     * @param savedMax the largest saved execution
     * @param sessions AWS sessions open while waiting
     * @param ticks ticks run in the whole run
     * @param cpuNanosPerTick CPU time of the worker threads per tick
     * @param succeeded rollouts that succeeded
     * @param simulated simulated time the whole run took
     * @param wallMillis real time the whole run took
     */
    record Result(int rollouts, int groupSize, Map<String, Integer> threadsBefore, Map<String, Integer> threadsWaiting, int peakThreads,
            double heapPerRollout, double logBytes, double savedBytes, int savedMax, int sessions, long ticks, double cpuNanosPerTick,
            int succeeded, Duration simulated, long wallMillis) {

        int total(Map<String, Integer> threads) {
            return threads.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private ControllerCost() {}

    static World world(int rollouts, int groupSize) {
        World.Builder world = World.builder().region("us-east-1").image("app-v1").image("app-v2").timings(BenchWorld.timings());
        for (int i = 1; i <= rollouts; i++) {
            String n = String.format("%03d", i);
            world.launchTemplate("lt-" + n, lt -> lt.image("app-v1").version(v -> v.image("app-v2")))
                    .targetGroup("tg-" + n, tg -> tg.deregistrationDelaySeconds((int) BenchWorld.DRAIN.toSeconds()))
                    .autoScalingGroup("web-" + n, g -> g.launchTemplate("lt-" + n).instances(groupSize).minSize(0).maxSize(groupSize * 2)
                            .targetGroups("tg-" + n).healthCheckType("ELB").healthCheckGracePeriodSeconds(300));
        }
        return world.build();
    }

    static AwsAsgRolloutStep step(int i) {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep(String.format("web-%03d", i));
        step.setStrategy("rolling");
        step.setLaunchTemplateVersion("2");
        step.setBatchSize("25%");
        step.setMinHealthyPercentage(75);
        step.setInstanceWarmupSeconds(0);
        step.setCredentialsId("deployer");
        return step;
    }

    static Result run(int rollouts, int groupSize, Consumer<String> progress) throws Exception {
        long wallStart = System.nanoTime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ManualClock clock = ManualClock.at(SimulatedAws.EPOCH);
        Set<Long> workerIds = ConcurrentHashMap.newKeySet();
        AtomicInteger workerNumber = new AtomicInteger();
        ExecutorService pool = new ThreadPoolExecutor(POOL, POOL, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "bench-worker-" + workerNumber.incrementAndGet());
            thread.setDaemon(true);
            workerIds.add(thread.getId());
            return thread;
        });
        try (AwsSimulator sim = AwsSimulator.start(world(rollouts, groupSize), clock)) {
            PooledVirtualScheduler scheduler = new PooledVirtualScheduler(clock, pool);
            try (TestStepRuntime runtime = RolloutRun.runtime(clock, scheduler::schedule, sim.endpoint().toString(), sim.region(),
                    ACCESS_KEY)) {
                gc();
                Map<String, Integer> before = threadsByKind(threads);
                long heapBefore = memory.getHeapMemoryUsage().getUsed();
                threads.resetPeakThreadCount();
                List<TestStepContext> builds = new ArrayList<>();
                for (int i = 1; i <= rollouts; i++) {
                    TestStepContext build = TestStepContext.forBuild(runtime, "deploy-" + i, 1);
                    build.start(step(i).start(build));
                    builds.add(build);
                }
                Instant start = clock.instant();
                scheduler.runUntil(() -> false, start.plus(WAITING_AT));
                // Every rollout now waits for its first batch's new instances; no tick runs.
                long waitingCount = builds.stream().filter(b -> !b.isCompleted()).count();
                Map<String, Integer> waiting = threadsByKind(threads);
                int sessions = runtime.sessions().size();
                double logBytes = builds.stream().mapToInt(b -> b.log().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).average().orElse(0);
                double saved = builds.stream().mapToInt(b -> b.savedBytes() == null ? 0 : b.savedBytes().length).average().orElse(0);
                int savedMax = builds.stream().mapToInt(b -> b.savedBytes() == null ? 0 : b.savedBytes().length).max().orElse(0);
                int calls = sim.calls().size();
                // The simulator's call log is the simulator's memory, not the controller's.
                sim.calls().clear();
                gc();
                long heapWaiting = memory.getHeapMemoryUsage().getUsed();
                progress.accept("  " + rollouts + " rollouts waiting at +" + WAITING_AT.toSeconds() + " s: " + waitingCount + " in flight, "
                        + waiting + " threads, " + Table.bytes((heapWaiting - heapBefore) / (double) rollouts) + " heap each, " + calls
                        + " calls so far");
                scheduler.runUntil(() -> builds.stream().allMatch(TestStepContext::isCompleted), Instant.MAX);
                long cpu = workerIds.stream().mapToLong(threads::getThreadCpuTime).filter(t -> t > 0).sum();
                int succeeded = (int) builds.stream().filter(b -> b.isCompleted() && b.failure() == null).count();
                builds.stream().filter(b -> b.failure() != null).findFirst()
                        .ifPresent(b -> progress.accept("  a rollout failed: " + b.failure() + "\n" + RolloutRun.tail(b.log())));
                return new Result(rollouts, groupSize, before, waiting, threads.getPeakThreadCount(),
                        (heapWaiting - heapBefore) / (double) rollouts, logBytes, saved, savedMax, sessions, scheduler.ticks(),
                        cpu / (double) Math.max(1, scheduler.ticks()), succeeded, Duration.between(start, clock.instant()),
                        (System.nanoTime() - wallStart) / 1_000_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Live threads by what they are: the worker pool, the simulator's server, the rest. */
    static Map<String, Integer> threadsByKind(ThreadMXBean threads) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            String kind = name.startsWith("bench-worker-") ? "worker pool"
                    : name.startsWith("aws-sim-") || name.startsWith("HTTP-Dispatcher") ? "simulator"
                    : name.startsWith("sdk-") || name.startsWith("aws-rollout-sdk-") || name.contains("idle-connection") ? "AWS SDK"
                    : "JVM and Maven";
            kinds.merge(kind, 1, Integer::sum);
        }
        return kinds;
    }

    static void gc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
    }

    static String markdown(List<Result> results, List<RolloutRun.Measurement> bySize) {
        Table table = new Table(">Rollouts", ">Live threads while all wait", ">Worker pool", ">AWS SDK", ">Simulator (test harness)",
                ">JVM and Maven", ">Peak live threads", ">Heap per rollout", ">Build log per rollout", ">Saved state per rollout",
                ">AWS sessions", ">Ticks", ">CPU per tick", ">Succeeded", ">Simulated", ">Real time");
        for (Result r : results) {
            Map<String, Integer> t = r.threadsWaiting();
            table.row(r.rollouts(), r.total(t), t.getOrDefault("worker pool", 0), t.getOrDefault("AWS SDK", 0),
                    t.getOrDefault("simulator", 0), t.getOrDefault("JVM and Maven", 0), r.peakThreads(),
                    Table.bytes(r.heapPerRollout()), Table.bytes(r.logBytes()), Table.bytes(r.savedBytes()), r.sessions(), r.ticks(),
                    Table.fixed(r.cpuNanosPerTick() / 1_000_000.0, 2) + " ms", r.succeeded() + " / " + r.rollouts(),
                    Table.seconds(r.simulated()), Table.seconds(Duration.ofMillis(r.wallMillis())));
        }
        StringBuilder out = new StringBuilder(table.markdown());
        if (results.size() > 1) {
            Result small = results.get(0);
            Result large = results.get(results.size() - 1);
            double marginal = (large.heapPerRollout() * large.rollouts() - small.heapPerRollout() * small.rollouts())
                    / (large.rollouts() - small.rollouts());
            out.append("\nHeap per additional rollout, from ").append(small.rollouts()).append(" to ").append(large.rollouts())
                    .append(" rollouts: **").append(Table.bytes(marginal)).append("**.\n");
        }
        Table saved = new Table("Strategy", ">Instances", ">Saved state at the end");
        bySize.stream().filter(m -> !m.rolloutCase().launchFirst() && m.rolloutCase().batchPercent() == 10)
                .forEach(m -> saved.row(m.rolloutCase().strategy(), m.rolloutCase().size(), Table.bytes(m.savedBytes())));
        if (saved.size() > 0) {
            out.append("\nSaved state by group size (section 1's rollouts, terminate first, 10% batches):\n\n").append(saved.markdown());
        }
        return out.toString();
    }

}
