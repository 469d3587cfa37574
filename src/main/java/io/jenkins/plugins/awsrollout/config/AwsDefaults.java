package io.jenkins.plugins.awsrollout.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.aws.RetrySettings;
import java.time.Duration;

/**
 * The global defaults every step falls back to, read once per tick from {@link AwsRolloutGlobalConfiguration}
 * (or handed in directly by tests and the local pipeline runner).
 *
 * @param region default region, or null for the SDK's region chain
 * @param credentialsId default AWS credentials id, or null for the SDK's credentials chain
 * @param roleArn default role to assume, or null
 * @param externalId external id for the default role, or null
 * @param endpointUrl endpoint override for every service (the simulator, LocalStack), or null for AWS
 * @param pollInterval the first delay between polls
 * @param maxPollInterval the longest delay between polls
 * @param retry how the SDK retries each call
 */
public record AwsDefaults(
        @CheckForNull String region,
        @CheckForNull String credentialsId,
        @CheckForNull String roleArn,
        @CheckForNull String externalId,
        @CheckForNull String endpointUrl,
        Duration pollInterval,
        Duration maxPollInterval,
        RetrySettings retry) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofSeconds(60);

    /** No defaults at all: every setting comes from the step or the SDK. */
    public static AwsDefaults none() {
        return new AwsDefaults(
                null, null, null, null, null, DEFAULT_POLL_INTERVAL, DEFAULT_MAX_POLL_INTERVAL,
                RetrySettings.standard(RetrySettings.DEFAULT_MAX_ATTEMPTS));
    }

    /** The polling shape for operations. */
    public Backoff polling() {
        return Backoff.polling(pollInterval, maxPollInterval);
    }
}
