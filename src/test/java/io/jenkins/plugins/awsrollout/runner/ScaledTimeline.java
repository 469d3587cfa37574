package io.jenkins.plugins.awsrollout.runner;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ScaledClock;
import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import io.jenkins.plugins.awsrollout.testing.TestStepRuntime;
import io.jenkins.plugins.awsrollout.testing.Ticks;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The simulator's scaled real clock ({@code -Dsim.speed=N}): N simulated seconds pass per real second, ticks run
 * on a real (daemon) scheduler whose delays are divided by N, and the script thread waits for them.
 */
final class ScaledTimeline implements Timeline {

    /** How often the waiting script thread looks at its step, in real time. */
    private static final Duration POLL = Duration.ofMillis(10);

    private final AwsSimulator sim;
    private final ScaledClock clock;
    private final ScaledTicks ticks;
    private final TestStepRuntime runtime;

    ScaledTimeline(AwsSimulator sim, ScaledClock clock, AwsDefaults defaults, Map<String, AwsCredentialsProvider> credentials) {
        this.sim = sim;
        this.clock = clock;
        this.ticks = new ScaledTicks(clock);
        this.runtime = new TestStepRuntime(clock, ticks).withDefaults(defaults);
        credentials.forEach(runtime::withCredentials);
    }

    @Override
    public StepRuntime runtime() {
        return runtime;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public boolean await(BooleanSupplier done, Instant until) {
        while (!done.getAsBoolean()) {
            Instant now = clock.instant();
            if (!now.isBefore(until)) {
                return false;
            }
            LockSupport.parkNanos(Math.max(1, realWaitNanos(Duration.between(now, until))));
        }
        return true;
    }

    /** One poll, or less when {@code until} is nearer (a far or unbounded {@code until} is simply "not yet"). */
    private long realWaitNanos(Duration simulatedRemaining) {
        if (simulatedRemaining.compareTo(Duration.ofDays(1)) > 0) {
            return POLL.toNanos();
        }
        return Math.min(POLL.toNanos(), (long) (simulatedRemaining.toNanos() / clock.speed()));
    }

    @Override
    public String describe() {
        return "real time at " + clock.speed() + "x";
    }

    @Override
    public void close() {
        ticks.close();
        runtime.close();
        sim.close();
    }

    /** Ticks on a real (daemon) scheduler whose delays are the simulated ones divided by the clock's speed. */
    private static final class ScaledTicks implements Ticks, AutoCloseable {
        private final ScaledClock clock;
        private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "run-jenkinsfile-ticks");
            thread.setDaemon(true);
            thread.setContextClassLoader(ScaledTimeline.class.getClassLoader());
            return thread;
        });

        ScaledTicks(ScaledClock clock) {
            this.clock = clock;
        }

        @Override
        public Future<?> schedule(Runnable tick, Duration delay) {
            return ticks.schedule(tick, realNanos(delay), TimeUnit.NANOSECONDS);
        }

        @Override
        public void await(Duration delay) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(realNanos(delay));
        }

        private long realNanos(Duration simulated) {
            return (long) (simulated.toNanos() / clock.speed());
        }

        @Override
        public void close() {
            ticks.shutdownNow();
        }
    }
}
