package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.config.AwsRolloutGlobalConfiguration;
import io.jenkins.plugins.awsrollout.config.JenkinsAwsCredentials;
import io.jenkins.plugins.awsrollout.config.JenkinsProxy;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSessions;
import io.jenkins.plugins.awsrollout.engine.aws.ProxySettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import jenkins.util.Timer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** The runtime of a real controller: wall clock, Jenkins' Timer dispatching to the plugin's pool, global config. */
public final class JenkinsStepRuntime implements StepRuntime {

    private static final JenkinsStepRuntime INSTANCE = new JenkinsStepRuntime();

    private volatile ExecutorService workers = newWorkers();
    private volatile AwsSessions sessions = new AwsSessions();

    private JenkinsStepRuntime() {}

    public static JenkinsStepRuntime get() {
        return INSTANCE;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    @Override
    public Future<?> schedule(Runnable tick, Duration delay) {
        return Timer.get().schedule(() -> workers.execute(tick), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void await(Duration delay) throws InterruptedException {
        CountDownLatch elapsed = new CountDownLatch(1);
        Future<?> timer = Timer.get().schedule(elapsed::countDown, delay.toMillis(), TimeUnit.MILLISECONDS);
        try {
            elapsed.await();
        } finally {
            timer.cancel(false);
        }
    }

    @Override
    public AwsDefaults defaults() {
        return AwsRolloutGlobalConfiguration.get().toDefaults();
    }

    @Override
    public AwsCredentialsProvider credentials(@CheckForNull String credentialsId, @CheckForNull Run<?, ?> build)
            throws IOException {
        if (build == null) {
            return JenkinsAwsCredentials.global(credentialsId);
        }
        return JenkinsAwsCredentials.inBuild(credentialsId, build, defaults().useControllerIdentity());
    }

    @Override
    public AwsSessions sessions() {
        return sessions;
    }

    @Override
    public @CheckForNull ProxySettings proxy() {
        return JenkinsProxy.settings();
    }

    @Override
    public CleanupLedger ledger() {
        return ControllerCleanups.get().ledger();
    }

    /**
     * The controller shuts down: no more ticks, AWS clients closed (a durable step resumes from its saved state). A
     * controller started again in the same JVM (JenkinsSessionExtension, a restart in tests) gets a fresh pool and
     * session cache; neither starts a thread until it is used.
     */
    synchronized void close() {
        ExecutorService stopping = workers;
        AwsSessions closing = sessions;
        workers = newWorkers();
        sessions = new AwsSessions();
        stopping.shutdown();
        closing.close();
    }

    private static ExecutorService newWorkers() {
        return OperationWorkers.create("aws-rollout-worker");
    }
}
