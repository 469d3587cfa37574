package io.jenkins.plugins.awsrollout.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.aws.AllowList;
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
        check("endpointUrl", AllowList.checkTransport(effectiveEndpoint));
        checkAllowed(defaults);
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

    /**
     * A Jenkinsfile may ask for another role or endpoint than the global ones only as far as an administrator
     * allowed: otherwise any job could assume any role the credentials are trusted for, or send signed requests (and
     * session tokens) to any host.
     */
    private void checkAllowed(AwsDefaults defaults) {
        String stepRole = trim(roleArn);
        if (stepRole != null && !stepRole.equals(trim(defaults.roleArn()))
                && !AllowList.allowsRole(defaults.rolesJobsMayAssume(), stepRole)) {
            throw new OperationFailedException(AwsDefaults.notAllowedSentence("roleArn", stepRole,
                    "Roles jobs may assume", "it, or a pattern matching it such as " + familyOf(stepRole) + ","));
        }
        String stepEndpoint = trim(endpointUrl);
        if (stepEndpoint != null && !AllowList.sameEndpoint(stepEndpoint, trim(defaults.endpointUrl()))
                && !AllowList.allowsEndpoint(defaults.endpointsJobsMayUse(), stepEndpoint)) {
            throw new OperationFailedException(AwsDefaults.notAllowedSentence("endpointUrl", stepEndpoint,
                    "Endpoints jobs may use", "it"));
        }
    }

    /** {@code arn:aws:iam::123456789012:role/deploy-web} reads {@code arn:aws:iam::123456789012:role/deploy-*}. */
    private static String familyOf(String role) {
        int slash = role.lastIndexOf('/');
        int dash = role.indexOf('-', slash + 1);
        return dash > slash ? role.substring(0, dash + 1) + "*" : role.substring(0, slash + 1) + "*";
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
