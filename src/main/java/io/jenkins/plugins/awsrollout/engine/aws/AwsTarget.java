package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * Where AWS calls go and as whom, minus the credentials themselves: the region, an optional endpoint override
 * (the simulator, LocalStack), an optional role to assume with its external id and session name, and the id of
 * the Jenkins credentials to start from (null for the SDK's default chain). Serializable and secret-free, so a
 * cursor or an execution may keep it.
 *
 * @param region the AWS region, e.g. {@code us-east-1}
 * @param endpoint the endpoint override, or null for AWS itself
 * @param credentialsId the Jenkins credentials id, or null for the SDK default chain
 * @param roleArn the role to assume, or null
 * @param externalId the external id for the role, or null
 * @param roleSessionName the STS session name (already sanitised, see {@link RoleSessionName})
 * @param build the Jenkins build these calls belong to ({@code folder/job#7}): sessions and cached credentials are
 *     kept per build, so that two builds never share one (see {@link AwsSessions})
 */
public record AwsTarget(
        String region,
        @CheckForNull URI endpoint,
        @CheckForNull String credentialsId,
        @CheckForNull String roleArn,
        @CheckForNull String externalId,
        String roleSessionName,
        String build)
        implements Serializable {

    public AwsTarget {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        // A target saved before targets named their build: its session name was the build's name.
        build = build == null ? roleSessionName : build;
    }

    /** A target for a caller that is its own build (tools, "Test connection"): the session name stands for it. */
    public AwsTarget(
            String region,
            @CheckForNull URI endpoint,
            @CheckForNull String credentialsId,
            @CheckForNull String roleArn,
            @CheckForNull String externalId,
            String roleSessionName) {
        this(region, endpoint, credentialsId, roleArn, externalId, roleSessionName, roleSessionName);
    }

    /** The same target in another region (AMI copies). */
    public AwsTarget inRegion(String otherRegion) {
        return new AwsTarget(otherRegion, endpoint, credentialsId, roleArn, externalId, roleSessionName, build);
    }
}
