package io.jenkins.plugins.awsrollout.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.aws.AwsInput;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import io.jenkins.plugins.awsrollout.engine.aws.RoleSessionName;
import java.io.Serializable;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The connection settings a step or builder was given ({@code region}, {@code credentialsId}, {@code roleArn},
 * {@code externalId}, {@code endpointUrl}); each blank one falls back to the global default. Without credentials,
 * the SDK's default chain (the controller's own identity) is used only when an administrator allowed it.
 */
public record AwsConnection(
        @CheckForNull String region,
        @CheckForNull String credentialsId,
        @CheckForNull String roleArn,
        @CheckForNull String externalId,
        @CheckForNull String endpointUrl)
        implements Serializable {

    /**
     * Resolves against the defaults and validates; a bad value fails naming the field and the value.
     *
     * @param env the build's environment (JOB_NAME and BUILD_NUMBER name the build and the STS session)
     */
    public AwsTarget resolve(AwsDefaults defaults, Map<String, String> env) {
        String job = env.getOrDefault("JOB_NAME", "");
        String number = env.getOrDefault("BUILD_NUMBER", "");
        return resolve(defaults, job + "#" + number, job, number);
    }

    /**
     * {@link #resolve(AwsDefaults, Map)} for a build of this controller: the build is named by the {@link Run}
     * itself ({@code folder/job#7}), never by variables a Jenkinsfile could override with {@code withEnv}.
     */
    public AwsTarget resolve(AwsDefaults defaults, Map<String, String> env, @CheckForNull Run<?, ?> build) {
        if (build == null) {
            return resolve(defaults, env);
        }
        String id = build.getExternalizableId();
        int hash = id.lastIndexOf('#');
        return resolve(defaults, id, hash < 0 ? id : id.substring(0, hash), hash < 0 ? "" : id.substring(hash + 1));
    }

    private AwsTarget resolve(AwsDefaults defaults, String buildId, String jobName, String buildNumber) {
        String effectiveRegion = firstNonBlank(region, defaults.region());
        String effectiveRole = firstNonBlank(roleArn, defaults.roleArn());
        // An external id belongs to its role: the global one only applies to the global role.
        String effectiveExternalId = isBlank(roleArn) ? firstNonBlank(externalId, defaults.externalId()) : trim(externalId);
        String effectiveEndpoint = firstNonBlank(endpointUrl, defaults.endpointUrl());
        check("region", AwsInput.checkRegion(effectiveRegion));
        check("roleArn", AwsInput.checkRoleArn(effectiveRole));
        check("externalId", AwsInput.checkExternalId(effectiveExternalId));
        check("endpointUrl", AwsInput.checkEndpointUrl(effectiveEndpoint));
        String effectiveCredentialsId = firstNonBlank(credentialsId, defaults.credentialsId());
        if (effectiveCredentialsId == null && !defaults.useControllerIdentity()) {
            throw new OperationFailedException(AwsDefaults.noCredentialsSentence("No AWS credentials are set"));
        }
        if (effectiveRegion == null) {
            effectiveRegion = sdkDefaultRegion();
        }
        String sessionName = RoleSessionName.forBuild(buildId, jobName, buildNumber);
        return new AwsTarget(
                effectiveRegion,
                effectiveEndpoint == null ? null : URI.create(effectiveEndpoint),
                effectiveCredentialsId,
                effectiveRole,
                effectiveExternalId,
                sessionName,
                buildId);
    }

    private static String sdkDefaultRegion() {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
        } catch (SdkClientException e) {
            throw new OperationFailedException("No AWS region is set: give the step a region, set a default region "
                    + "in the AWS Rollout global configuration, or set AWS_REGION on the controller.");
        }
    }

    private static void check(String field, Optional<String> problem) {
        problem.ifPresent(p -> {
            throw new OperationFailedException("Invalid " + field + ": " + p + ".");
        });
    }

    private static @CheckForNull String firstNonBlank(@CheckForNull String value, @CheckForNull String fallback) {
        return isBlank(value) ? trim(fallback) : trim(value);
    }

    private static @CheckForNull String trim(@CheckForNull String value) {
        return isBlank(value) ? null : value.trim();
    }

    private static boolean isBlank(@CheckForNull String value) {
        return value == null || value.isBlank();
    }
}
