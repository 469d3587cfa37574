package io.jenkins.plugins.awsrollout.runner;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSessions;
import io.jenkins.plugins.awsrollout.engine.aws.ProxySettings;
import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ScaledClock;
import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import io.jenkins.plugins.awsrollout.testing.TestStepRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The simulator's scaled real clock ({@code -Dsim.speed=N}): N simulated seconds pass per real second, ticks run
 * on a real (daemon) scheduler whose delays are divided by N, and the script thread waits for them.
 */
final class ScaledTimeline implements Timeline {

    /** How often the waiting script thread looks at its step, in real time. */
    private static final Duration POLL = Duration.ofMillis(10);

    private final AwsSimulator sim;
    private final ScaledClock clock;
    private final ScaledStepRuntime runtime;

    ScaledTimeline(AwsSimulator sim, ScaledClock clock, AwsDefaults defaults, Map<String, AwsCredentialsProvider> credentials) {
        this.sim = sim;
        this.clock = clock;
        this.runtime = new ScaledStepRuntime(clock, defaults, credentials);
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
        runtime.close();
        sim.close();
    }

    /** A {@link StepRuntime} on the scaled clock; credentials as {@link TestStepRuntime} holds them. */
    static final class ScaledStepRuntime implements StepRuntime, AutoCloseable {
        private final ScaledClock clock;
        private final AwsDefaults defaults;
        private final Map<String, AwsCredentialsProvider> credentials;
        private final AwsSessions sessions = new AwsSessions();
        private final RandomGenerator random = new SplittableRandom(42);
        private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "run-jenkinsfile-ticks");
            thread.setDaemon(true);
            thread.setContextClassLoader(ScaledTimeline.class.getClassLoader());
            return thread;
        });

        ScaledStepRuntime(ScaledClock clock, AwsDefaults defaults, Map<String, AwsCredentialsProvider> credentials) {
            this.clock = clock;
            this.defaults = defaults;
            this.credentials = Map.copyOf(credentials);
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public RandomGenerator random() {
            return random;
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
        public AwsDefaults defaults() {
            return defaults;
        }

        @Override
        public AwsCredentialsProvider credentials(@CheckForNull String credentialsId, @CheckForNull Run<?, ?> build)
                throws AbortException {
            if (credentialsId == null) {
                return StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestStepRuntime.DEFAULT_ACCESS_KEY, "default-chain-secret"));
            }
            AwsCredentialsProvider found = credentials.get(credentialsId);
            if (found == null) {
                throw new AbortException("No AWS credentials with id '" + credentialsId + "' are available to this build.");
            }
            return found;
        }

        @Override
        public AwsSessions sessions() {
            return sessions;
        }

        @Override
        public @CheckForNull ProxySettings proxy() {
            return null;
        }

        @Override
        public void close() {
            ticks.shutdownNow();
            sessions.close();
        }
    }
}
