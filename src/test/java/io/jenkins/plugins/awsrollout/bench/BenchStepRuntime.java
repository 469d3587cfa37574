package io.jenkins.plugins.awsrollout.bench;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSessions;
import io.jenkins.plugins.awsrollout.engine.aws.ProxySettings;
import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A controller for the benchmarks: a clock, a scheduler (virtual and pooled, or scaled real time), the simulator as
 * the default endpoint, and one access key for every credentials id, so the simulator's call log tells this caller
 * apart.
 */
final class BenchStepRuntime implements StepRuntime, AutoCloseable {

    private final Clock clock;
    private final BiFunction<Runnable, Duration, Future<?>> scheduler;
    private final AwsDefaults defaults;
    private final AwsCredentialsProvider credentials;
    private final AwsSessions sessions = new AwsSessions();

    BenchStepRuntime(Clock clock, BiFunction<Runnable, Duration, Future<?>> scheduler, String endpoint, String region, String accessKey) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.defaults = new AwsDefaults(region, null, null, null, endpoint, AwsDefaults.DEFAULT_POLL_INTERVAL,
                AwsDefaults.DEFAULT_MAX_POLL_INTERVAL, RolloutRun.RETRY);
        this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "bench-secret-" + accessKey));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    @Override
    public Future<?> schedule(Runnable tick, Duration delay) {
        return scheduler.apply(tick, delay);
    }

    @Override
    public void await(Duration delay) {
        throw new UnsupportedOperationException("only freestyle builds wait on their own thread");
    }

    @Override
    public AwsDefaults defaults() {
        return defaults;
    }

    @Override
    public AwsCredentialsProvider credentials(@CheckForNull String credentialsId, @CheckForNull Run<?, ?> build) {
        return credentials;
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
        sessions.close();
    }
}
