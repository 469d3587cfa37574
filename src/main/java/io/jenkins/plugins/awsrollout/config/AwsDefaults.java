package io.jenkins.plugins.awsrollout.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.aws.ApiRates;
import io.jenkins.plugins.awsrollout.engine.aws.RetrySettings;
import java.time.Duration;
import java.util.List;

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
 * @param useControllerIdentity whether a step with no credentials (none given, no global default, or an entry with no
 *     keys) may fall back to the controller's own AWS identity (instance profile, environment); administrators
 *     decide, default off
 * @param rolesJobsMayAssume role ARN patterns ({@code *} for any characters) a step may ask for besides the global
 *     role; empty: only the global role
 * @param endpointsJobsMayUse endpoint URLs a step may ask for besides the global endpoint ({@code *}: any); empty:
 *     only the global endpoint
 * @param writeRates the controller's pace for AWS writes, per API and Region, all builds together
 */
public record AwsDefaults(
        @CheckForNull String region,
        @CheckForNull String credentialsId,
        @CheckForNull String roleArn,
        @CheckForNull String externalId,
        @CheckForNull String endpointUrl,
        Duration pollInterval,
        Duration maxPollInterval,
        RetrySettings retry,
        boolean useControllerIdentity,
        List<String> rolesJobsMayAssume,
        List<String> endpointsJobsMayUse,
        ApiRates writeRates) {

    public AwsDefaults {
        rolesJobsMayAssume = rolesJobsMayAssume == null ? List.of() : List.copyOf(rolesJobsMayAssume);
        endpointsJobsMayUse = endpointsJobsMayUse == null ? List.of() : List.copyOf(endpointsJobsMayUse);
        writeRates = writeRates == null ? ApiRates.DEFAULTS : writeRates;
    }

    /** Defaults with the default write rates. */
    public AwsDefaults(
            @CheckForNull String region,
            @CheckForNull String credentialsId,
            @CheckForNull String roleArn,
            @CheckForNull String externalId,
            @CheckForNull String endpointUrl,
            Duration pollInterval,
            Duration maxPollInterval,
            RetrySettings retry,
            boolean useControllerIdentity,
            List<String> rolesJobsMayAssume,
            List<String> endpointsJobsMayUse) {
        this(region, credentialsId, roleArn, externalId, endpointUrl, pollInterval, maxPollInterval, retry, useControllerIdentity,
                rolesJobsMayAssume, endpointsJobsMayUse, ApiRates.DEFAULTS);
    }

    /**
     * Defaults as tools and tests build them, for a controller they administer themselves: the controller's own
     * identity (the SDK default chain), any role and any endpoint are allowed. Jenkins builds its defaults from the
     * global configuration.
     */
    public AwsDefaults(
            @CheckForNull String region,
            @CheckForNull String credentialsId,
            @CheckForNull String roleArn,
            @CheckForNull String externalId,
            @CheckForNull String endpointUrl,
            Duration pollInterval,
            Duration maxPollInterval,
            RetrySettings retry) {
        this(region, credentialsId, roleArn, externalId, endpointUrl, pollInterval, maxPollInterval, retry, true,
                List.of("*"), List.of("*"));
    }

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofSeconds(60);

    /**
     * No defaults and no limits: every setting comes from the step or the SDK, as for an administrator (tools, tests,
     * the global configuration's "Test connection"). Builds in Jenkins get their defaults, and their limits, from the
     * global configuration.
     */
    public static AwsDefaults none() {
        return new AwsDefaults(
                null, null, null, null, null, DEFAULT_POLL_INTERVAL, DEFAULT_MAX_POLL_INTERVAL,
                RetrySettings.standard(RetrySettings.DEFAULT_MAX_ATTEMPTS));
    }

    /**
     * The sentence a build fails with when it asks for what an administrator has not allowed jobs: the field, the
     * value, and the setting to change.
     */
    public static String notAllowedSentence(String field, String value, String setting, String addWhat) {
        return field + " '" + value + "' is not allowed for jobs: an administrator must add " + addWhat + " to \""
                + setting + "\" in Manage Jenkins » System » AWS Rollout, or leave " + field + " empty to use the global one.";
    }

    /** The sentence a build fails with when it would need the controller's identity and may not use it. */
    public static String noCredentialsSentence(String what) {
        return what + ", which would mean the controller's own AWS identity, and an administrator has not allowed "
                + "that: give the step a credentialsId, set default AWS credentials in Manage Jenkins » System » "
                + "AWS Rollout, or ask an administrator to tick \"Use the AWS identity of the controller itself\" there.";
    }

    /** The same defaults with other write rates (tests and benchmarks). */
    public AwsDefaults withWriteRates(ApiRates rates) {
        return new AwsDefaults(region, credentialsId, roleArn, externalId, endpointUrl, pollInterval, maxPollInterval, retry,
                useControllerIdentity, rolesJobsMayAssume, endpointsJobsMayUse, rates);
    }

    /** The polling shape for operations. */
    public Backoff polling() {
        return Backoff.polling(pollInterval, maxPollInterval);
    }
}
