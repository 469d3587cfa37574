package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSessions;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import io.jenkins.plugins.awsrollout.engine.aws.ProxySettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What a durable execution needs from its surroundings: time, a scheduler, the global defaults, credentials and the
 * client cache. In Jenkins this is {@link JenkinsStepRuntime}; the local pipeline runner and the tests provide
 * their own through the step context ({@code StepContext.get(StepRuntime.class)}), the same way Pipeline hands
 * steps any other context object, so that ticks run on a virtual clock against the simulator.
 */
public interface StepRuntime {

    Clock clock();

    RandomGenerator random();

    /** Runs {@code tick} once after {@code delay}, off the Pipeline thread. */
    Future<?> schedule(Runnable tick, Duration delay);

    /**
     * Blocks the calling thread for {@code delay}: only freestyle builds wait this way, on their own executor.
     * Interrupting the thread (aborting the build) ends the wait at once.
     */
    void await(Duration delay) throws InterruptedException;

    /** The global defaults, read at the moment of use. */
    AwsDefaults defaults();

    /** The base credentials for {@code credentialsId} (null: the SDK default chain), resolved for {@code build}. */
    AwsCredentialsProvider credentials(@CheckForNull String credentialsId, @CheckForNull Run<?, ?> build)
            throws IOException;

    /**
     * The base credentials of {@code target} ({@link AwsTarget#credentialsId()}) for its build. Runtimes without a
     * {@link Run} (tests, the local runner) look them up by {@link AwsTarget#build()} instead.
     */
    default AwsCredentialsProvider credentialsFor(AwsTarget target, @CheckForNull Run<?, ?> build) throws IOException {
        return credentials(target.credentialsId(), build);
    }

    AwsSessions sessions();

    @CheckForNull
    ProxySettings proxy();

    /** Attaches {@code action} to {@code build} (none outside a build); tests keep it to look at. */
    default void addAction(@CheckForNull Run<?, ?> build, Action action) {
        if (build != null) {
            build.addAction(action);
        }
    }

    /** The controller's cleanup ledger: it finishes the abort paths of steps that are gone. */
    CleanupLedger ledger();
}
