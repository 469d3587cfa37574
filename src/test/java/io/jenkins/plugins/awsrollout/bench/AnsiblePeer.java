package io.jenkins.plugins.awsrollout.bench;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.ScaledClock;
import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.steps.AwsAsgRolloutStep;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import io.jenkins.plugins.awsrollout.testing.TestStepRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Section 5: Ansible's {@code amazon.aws.autoscaling_group} ({@code replace_all_instances}) and {@code awsAsgRollout}
 * replacing the same group with the same batch size, each against a fresh simulator with the same world, on the
 * simulator's scaled clock. Each tool's waits are divided by the speed: {@code awsAsgRollout}'s by its scheduler,
 * Ansible's by a {@code sitecustomize.py} that divides {@code time.sleep} (the module waits with it, 10 s at a time).
 * Each tool calls with its own access key.
 */
final class AnsiblePeer {

    /**
     * Simulated seconds per real second. Each tool's own work (Python and boto3 for Ansible, Java and the SDK for the
     * plugin) is real time the scaled clock counts this many times, so the speed is kept low enough for that to stay
     * a small part of the figures; they are also shown with it counted once.
     */
    static final double SPEED = 20;
    static final int SIZE = 10;
    static final int BATCH = 2;
    static final String ANSIBLE_KEY = "AKIAANSIBLEPEER00001";
    static final String PLUGIN_KEY = "AKIAAWSROLLOUTPEER01";

    /**
     * One tool's rollout.
     *
     * @param tool what ran
     * @param result how it ended
     * @param calls its calls, in order
     * @param processing real time the tool spent working (not waiting), which the scaled clock counts {@code speed} times
     * @param minHealthy the lowest healthy-in-service count of the group
     * @param maxInService the highest InService count
     * @param peakInstances the most EC2 instances at once, draining ones included
     * @param onTarget instances on launch template version 2 at the end, of those in service
     * @param speed the scaled clock's speed
     */
    record Run(String tool, String result, List<Call> calls, Duration processing, int minHealthy, int maxInService, int peakInstances,
            String onTarget, double speed) {

        /** Simulated time from the tool's first call to its last. */
        Duration duration() {
            return calls.isEmpty() ? Duration.ZERO : Duration.between(calls.get(0).time(), calls.get(calls.size() - 1).time());
        }

        /** The same with the tool's own work counted once instead of {@code speed} times. */
        Duration normalized() {
            return duration().minus(Duration.ofNanos((long) (processing.toNanos() * (speed - 1))));
        }

        Map<String, Long> byAction() {
            return calls.stream().collect(Collectors.groupingBy(Call::action, TreeMap::new, Collectors.counting()));
        }
    }

    /**
     * The section's outcome.
     *
     * @param setup how installing Ansible went
     * @param runs the tools' runs
     * @param size instances in the group
     * @param batch instances per batch
     */
    record Result(AnsibleSetup.Status setup, List<Run> runs, int size, int batch) {}

    private AnsiblePeer() {}

    static World world(int size) {
        // Ansible's module waits for MinSize healthy instances between batches: MinSize is the desired capacity, as its
        // rolling replacement needs (with a lower MinSize it would not wait for new instances at all).
        return BenchWorld.group(size, g -> g.minSize(size).maxSize(size * 2)).build();
    }

    /**
     * Ansible (installed first when {@code install}, else only when already there), then {@code awsAsgRollout} with both
     * strategies, at {@code speed}.
     */
    static Result run(boolean install, boolean withAnsible, double speed, int size, int batch, Consumer<String> progress)
            throws Exception {
        AnsibleSetup.Status setup = !withAnsible ? new AnsibleSetup.Status(false, false, "not run (the smoke run installs and runs no Ansible)")
                : install ? AnsibleSetup.ensure()
                : AnsibleSetup.present() ? new AnsibleSetup.Status(true, false, "already installed")
                : new AnsibleSetup.Status(false, false, "not installed");
        progress.accept("  Ansible: " + setup.detail() + (setup.installedNow() ? " (installed now)" : ""));
        List<Run> runs = new ArrayList<>();
        if (setup.ready() && withAnsible) {
            runs.add(ansible(speed, size, batch, progress));
        }
        runs.add(plugin("rolling", speed, size, batch, progress));
        runs.add(plugin("instanceRefresh", speed, size, batch, progress));
        return new Result(setup, runs, size, batch);
    }

    /** {@code awsAsgRollout} on the scaled clock: ticks on a real scheduler whose delays are divided by the speed. */
    static Run plugin(String strategy, double speed, int size, int batch, Consumer<String> progress) throws Exception {
        ScaledClock clock = ScaledClock.startingAt(SimulatedAws.EPOCH, speed);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-scaled-ticks");
            thread.setDaemon(true);
            return thread;
        });
        List<Instant[]> working = java.util.Collections.synchronizedList(new ArrayList<>());
        try (AwsSimulator sim = AwsSimulator.start(world(size), clock);
                TestStepRuntime runtime = RolloutRun.runtime(clock, (tick, delay) -> timed(timer, clock, tick, delay, working),
                        sim.endpoint().toString(), sim.region(), PLUGIN_KEY)) {
            InstanceCounter instances = InstanceCounter.attach(sim);
            AwsAsgRolloutStep step = new AwsAsgRolloutStep(BenchWorld.GROUP);
            step.setStrategy(strategy);
            step.setLaunchTemplateVersion("2");
            step.setMinHealthyPercentage(100);
            step.setMaxHealthyPercentage(100 + 100 * batch / size);
            if (strategy.equals("rolling")) {
                step.setBatchSize(Integer.toString(batch));
            }
            step.setInstanceWarmupSeconds(0);
            step.setCredentialsId("deployer");
            TestStepContext build = TestStepContext.forBuild(runtime, "peer", 1);
            build.start(step.start(build));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!build.isCompleted() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            String result = !build.isCompleted() ? "did not finish in 5 minutes" : build.failure() == null ? "Successful"
                    : "Failed: " + build.failure().getMessage();
            List<Call> calls = sim.calls().matching(c -> PLUGIN_KEY.equals(c.accessKeyId()));
            Run run = measure("awsAsgRollout " + strategy, result, sim, PLUGIN_KEY, workedBetween(working, calls, speed), instances, speed);
            progress.accept("  awsAsgRollout " + strategy + ": " + result + ", " + Table.seconds(run.duration()) + " on the scaled clock");
            return run;
        } finally {
            timer.shutdownNow();
        }
    }

    /** Runs a tick after {@code delay} divided by the speed, noting when (on the scaled clock) it started and ended. */
    private static Future<?> timed(ScheduledExecutorService timer, ScaledClock clock, Runnable tick, Duration delay,
            List<Instant[]> working) {
        return timer.schedule(() -> {
            Instant start = clock.instant();
            try {
                tick.run();
            } finally {
                working.add(new Instant[] {start, clock.instant()});
            }
        }, (long) (delay.toNanos() / clock.speed()), TimeUnit.NANOSECONDS);
    }

    /** Real time spent in ticks between the first call and the last (ticks before the first call, e.g. warming up, are not counted). */
    private static Duration workedBetween(List<Instant[]> ticks, List<Call> calls, double speed) {
        if (calls.isEmpty()) {
            return Duration.ZERO;
        }
        Instant first = calls.get(0).time();
        Instant last = calls.get(calls.size() - 1).time();
        long simulatedNanos = 0;
        synchronized (ticks) {
            for (Instant[] tick : ticks) {
                Instant from = tick[0].isBefore(first) ? first : tick[0];
                Instant to = tick[1].isAfter(last) ? last : tick[1];
                if (to.isAfter(from)) {
                    simulatedNanos += Duration.between(from, to).toNanos();
                }
            }
        }
        return Duration.ofNanos((long) (simulatedNanos / speed));
    }

    /** The Ansible module as a playbook run, against a fresh simulator on the scaled clock. */
    static Run ansible(double speed, int size, int batch, Consumer<String> progress) throws Exception {
        Path dir = Files.createTempDirectory("bench-ansible");
        try (AwsSimulator sim = AwsSimulator.start(world(size), ScaledClock.startingAt(SimulatedAws.EPOCH, speed))) {
            InstanceCounter instances = InstanceCounter.attach(sim);
            write(dir, "sitecustomize.py", SITE_CUSTOMIZE);
            write(dir, "inventory", "localhost ansible_connection=local ansible_python_interpreter=" + AnsibleSetup.PYTHON + "\n");
            write(dir, "replace.yml", playbook(sim.endpoint().toString(), size, batch));
            ProcessBuilder builder = new ProcessBuilder(AnsibleSetup.PLAYBOOK.toString(), "-i", "inventory", "replace.yml")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile());
            Map<String, String> env = builder.environment();
            env.put("PYTHONPATH", dir.toString());
            env.put("SIM_SPEED", Double.toString(speed));
            env.put("SIM_SLEEP_LOG", dir.resolve("sleeps.txt").toString());
            env.put("ANSIBLE_NOCOLOR", "1");
            env.put("ANSIBLE_LOCAL_TEMP", dir.resolve("tmp").toString());
            env.put("ANSIBLE_REMOTE_TEMP", dir.resolve("tmp").toString());
            Process process = builder.start();
            boolean finished = process.waitFor(10, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(dir.resolve("output.txt"));
            String result = !finished ? "did not finish in 10 minutes" : process.exitValue() == 0 ? "Successful"
                    : "Failed: " + failure(output);
            double slept = sleptSeconds(dir.resolve("sleeps.txt"));
            List<Call> calls = sim.calls().matching(c -> ANSIBLE_KEY.equals(c.accessKeyId()));
            Duration span = calls.isEmpty() ? Duration.ZERO : Duration.between(calls.get(0).time(), calls.get(calls.size() - 1).time());
            // Real time from its first call to its last, less the real time it slept: what it spent working.
            double working = span.toNanos() / speed / 1e9 - slept / speed;
            Run run = measure("Ansible amazon.aws.autoscaling_group", result, sim, ANSIBLE_KEY,
                    Duration.ofNanos((long) (Math.max(0, working) * 1e9)), instances, speed);
            progress.accept("  Ansible: " + result + ", " + Table.seconds(run.duration()) + " on the scaled clock");
            return run;
        } finally {
            deleteTree(dir);
        }
    }

    private static Run measure(String tool, String result, AwsSimulator sim, String key, Duration processing, InstanceCounter instances,
            double speed) {
        List<Call> calls = sim.calls().matching(c -> key.equals(c.accessKeyId()));
        calls = calls.stream().sorted(Comparator.comparing(Call::sequence)).toList();
        var history = sim.capacity(BenchWorld.GROUP);
        List<SimState.GroupInstanceView> inService = sim.state().group(BenchWorld.GROUP).instances("InService");
        long onTarget = inService.stream().filter(i -> "2".equals(i.launchTemplateVersion())).count();
        return new Run(tool, result, calls, processing, history.minHealthy(), history.maxInService(), instances.peak(),
                onTarget + " of " + inService.size(), speed);
    }

    static String playbook(String endpoint, int size, int batch) {
        return """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: Replace every instance of web, %d at a time
                      amazon.aws.autoscaling_group:
                        name: %s
                        launch_template:
                          launch_template_name: web-lt
                          version: "2"
                        min_size: %d
                        max_size: %d
                        desired_capacity: %d
                        health_check_type: ELB
                        replace_all_instances: true
                        replace_batch_size: %d
                        lt_check: true
                        wait_for_instances: true
                        wait_timeout: 3600
                        region: us-east-1
                        endpoint_url: "%s"
                        aws_access_key: %s
                        aws_secret_key: ansible-peer-secret
                """.formatted(batch, BenchWorld.GROUP, size, size * 2, size, batch, endpoint, ANSIBLE_KEY);
    }

    /**
     * In the module's process only (AnsiballZ), divides every {@code time.sleep} by the speed and notes, at exit, the
     * seconds it asked to sleep. Ansible's own controller process keeps real time: it only waits for the module.
     */
    static final String SITE_CUSTOMIZE = """
            import atexit, os, sys, time
            if sys.argv and "AnsiballZ" in sys.argv[0]:
                _speed = float(os.environ.get("SIM_SPEED", "1"))
                _log = os.environ.get("SIM_SLEEP_LOG")
                _sleep = time.sleep
                _asked = [0.0]
                def _scaled_sleep(seconds):
                    _asked[0] += seconds
                    _sleep(seconds / _speed)
                time.sleep = _scaled_sleep
                def _note():
                    if _log:
                        with open(_log, "a") as f:
                            f.write("%f\\n" % _asked[0])
                atexit.register(_note)
            """;

    private static double sleptSeconds(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return Files.readAllLines(log).stream().filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).sum();
    }

    private static String failure(String output) {
        int at = output.indexOf("\"msg\": \"");
        if (at >= 0) {
            String rest = output.substring(at + 8);
            return rest.substring(0, Math.max(0, rest.indexOf('"')));
        }
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String markdown(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(result.size()).append(" instances, ").append(result.batch()).append(" at a time (launch first, so the floor is all ")
                .append(result.size()).append("), on the scaled clock at ").append(Table.fixed(result.runs().isEmpty() ? 0
                        : result.runs().get(0).speed(), 0)).append("×. ");
        out.append("Ansible: ").append(result.setup().ready() ? result.setup().detail() : "**not run**: " + result.setup().detail())
                .append(result.setup().installedNow() ? " (installed by this run)" : "").append(".\n\n");
        if (result.runs().isEmpty()) {
            return out.toString();
        }
        Table table = new Table("Tool", "Result", ">Duration on the scaled clock", ">Own work (real time)",
                ">Duration, own work at real speed", ">API calls", ">Lowest healthy / floor", ">Most in service",
                ">Peak instances", ">On version 2");
        for (Run run : result.runs()) {
            table.row(run.tool(), run.result(), Table.seconds(run.duration()), Table.fixed(run.processing().toMillis() / 1000.0, 2) + " s",
                    Table.seconds(run.normalized()), run.calls().size(), run.minHealthy() + " / " + result.size(), run.maxInService(),
                    run.peakInstances(), run.onTarget());
        }
        out.append(table.markdown()).append('\n');
        java.util.TreeSet<String> actions = new java.util.TreeSet<>();
        result.runs().forEach(r -> actions.addAll(r.byAction().keySet()));
        List<String> columns = new ArrayList<>();
        columns.add("Action");
        result.runs().forEach(r -> columns.add(">" + r.tool()));
        Table calls = new Table(columns.toArray(String[]::new));
        for (String action : actions) {
            List<Object> row = new ArrayList<>();
            row.add(action);
            result.runs().forEach(r -> row.add(r.byAction().getOrDefault(action, 0L)));
            calls.row(row.toArray());
        }
        out.append(calls.markdown());
        return out.toString();
    }
}
