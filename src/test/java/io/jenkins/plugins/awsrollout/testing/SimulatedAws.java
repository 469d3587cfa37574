package io.jenkins.plugins.awsrollout.testing;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Progress;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import io.jenkins.plugins.awsrollout.engine.aws.RetrySettings;
import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.steps.XmlLedgerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Everything a step or engine test needs against the simulator, on one virtual clock: the simulator, a
 * {@link TestStepRuntime} whose global defaults point at it (region, endpoint, SDK retries with a 1 ms backoff so
 * that throttling never sleeps in real time), and helpers to start, run and restart steps.
 *
 * <pre>{@code
 * try (SimulatedAws aws = SimulatedAws.start(World.builder()...build())) {
 *     TestStepContext build = aws.run(new AwsAsgRolloutStep("web"));
 *     assertThat(build.failure()).isNull();
 *     assertThat(aws.sim().capacity("web").minHealthy()).isGreaterThanOrEqualTo(5);
 * }
 * }</pre>
 */
public final class SimulatedAws implements AutoCloseable {

    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /** The credentials id the test runtime knows; steps may name it or name none. */
    public static final String CREDENTIALS_ID = "sim-deployer";
    public static final String SECRET_KEY = "sim/SECRET/key/never/in/logs/0123456789";

    private final ManualClock clock;
    private final AwsSimulator sim;
    private final TestBuilds builds = new TestBuilds();
    private final Path ledgerDirectory;
    private final XmlLedgerStore ledgerStore;
    private TestStepRuntime runtime;

    private SimulatedAws(ManualClock clock, AwsSimulator sim) {
        this.clock = clock;
        this.sim = sim;
        try {
            this.ledgerDirectory = Files.createTempDirectory("aws-rollout-ledger");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ledgerStore = new XmlLedgerStore(ledgerDirectory.resolve("io.jenkins.plugins.awsrollout.steps.CleanupLedger.xml"));
        this.runtime = newRuntime();
    }

    public static SimulatedAws start(World world) {
        ManualClock clock = ManualClock.at(EPOCH);
        return new SimulatedAws(clock, AwsSimulator.start(world, clock));
    }

    public AwsSimulator sim() {
        return sim;
    }

    public ManualClock clock() {
        return clock;
    }

    public TestStepRuntime runtime() {
        return runtime;
    }

    public VirtualScheduler scheduler() {
        return runtime.scheduler();
    }

    /** The defaults the runtime hands to steps: the simulator's region and endpoint, fast SDK retries. */
    public AwsDefaults defaults() {
        return new AwsDefaults(sim.region(), null, null, null, sim.endpoint().toString(), AwsDefaults.DEFAULT_POLL_INTERVAL,
                AwsDefaults.DEFAULT_MAX_POLL_INTERVAL, new RetrySettings(false, 4, Duration.ofMillis(1)));
    }

    /** A context for build {@code number} of {@code job}. */
    public TestStepContext context(String job, int number) {
        return TestStepContext.forBuild(runtime, job, number);
    }

    /** Starts {@code step} in {@code context} (nothing runs until the scheduler does). */
    public StepExecution start(Step step, TestStepContext context) throws Exception {
        return context.start(step.start(context));
    }

    /** Runs {@code step} to its end as build 1 of job {@code test}; the context holds result, failure and log. */
    public TestStepContext run(Step step) throws Exception {
        TestStepContext context = context("test", 1);
        start(step, context);
        runToEnd(context);
        return context;
    }

    /** Runs scheduled ticks until the step completes (or nothing is scheduled). */
    public void runToEnd(TestStepContext context) {
        scheduler().runUntil(context::isCompleted, 1_000_000);
    }

    /**
     * A controller restart in the middle of a step: the pending ticks are lost, a new runtime (new client cache,
     * same clock and simulator) takes over, and the execution comes back from what it last saved.
     */
    public StepExecution restart(TestStepContext context) {
        restartController();
        return context.restart(runtime);
    }

    /**
     * A controller restart without a running step: pending ticks are lost, a new runtime takes over, and the cleanup
     * ledger resumes from its file.
     */
    public void restartController() {
        runtime.scheduler().clear();
        runtime.close();
        runtime = newRuntime();
        try {
            runtime.ledger().resume();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The builds this controller knows, shared across restarts. */
    public TestBuilds builds() {
        return builds;
    }

    /** The cleanup ledger's file store. */
    public XmlLedgerStore ledgerStore() {
        return ledgerStore;
    }

    /** {@link #restart}, but from {@code bytes}, an earlier save: the last tick is replayed. */
    public StepExecution restartFrom(TestStepContext context, byte[] bytes) {
        restartController();
        return context.restartFrom(runtime, bytes);
    }

    /** A tick context for engine-level tests: a session on the simulator's default region. */
    public TickContext tickContext(Progress progress) {
        return new TickContext(session(sim.region()), clock, progress, new SplittableRandom(7));
    }

    /** A session on the simulator in {@code region}. */
    public AwsSession session(String region) {
        AwsTarget target = new AwsTarget(region, sim.endpoint(), null, null, null, "jenkins-test-1");
        try {
            return runtime.sessions().session(target, runtime.credentials(null, null), defaults().retry(), null);
        } catch (hudson.AbortException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestStepRuntime newRuntime() {
        return new TestStepRuntime(clock, new VirtualScheduler(clock, clock::advanceTo))
                .withDefaults(defaults())
                .withCredentials(CREDENTIALS_ID, "AKIASIMDEPLOYER00001", SECRET_KEY)
                .withLedger(ledgerStore, builds);
    }

    @Override
    public void close() {
        runtime.close();
        sim.close();
        try {
            Files.deleteIfExists(ledgerStore.file());
            Files.deleteIfExists(ledgerDirectory);
        } catch (IOException e) {
            // A temporary directory; nothing depends on it.
        }
    }
}
